module example.com/rr/bench-panic

go 1.21
