module example.com/rr/selectfail

go 1.21
