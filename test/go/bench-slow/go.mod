module example.com/rr/bench-slow

go 1.21
