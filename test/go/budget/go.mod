module example.com/rr/budget

go 1.21
