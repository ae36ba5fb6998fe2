module example.com/rr/bigout

go 1.21
