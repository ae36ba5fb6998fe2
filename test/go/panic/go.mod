module example.com/rr/panic

go 1.21
