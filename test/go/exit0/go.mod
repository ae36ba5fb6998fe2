module example.com/rr/exit0

go 1.21
