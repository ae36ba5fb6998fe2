module example.com/rr/overlap

go 1.21
