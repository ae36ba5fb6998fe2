module example.com/rr/orphans

go 1.21
