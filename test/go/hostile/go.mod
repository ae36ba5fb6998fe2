module example.com/rr/hostile

go 1.21
