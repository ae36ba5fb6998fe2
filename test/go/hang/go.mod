module example.com/rr/hang

go 1.21
