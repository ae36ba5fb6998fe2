module example.com/rr/clean

go 1.21
