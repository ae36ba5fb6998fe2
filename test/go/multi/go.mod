module example.com/rr/multi

go 1.21
