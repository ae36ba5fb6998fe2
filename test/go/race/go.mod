module example.com/rr/race

go 1.21
