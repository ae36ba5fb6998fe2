module example.com/rr/bench-fast

go 1.21
