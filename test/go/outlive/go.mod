module example.com/rr/outlive

go 1.21
