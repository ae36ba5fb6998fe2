module example.com/rr/bench-multi

go 1.21
