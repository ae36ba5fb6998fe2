module example.com/rr/leak

go 1.21
