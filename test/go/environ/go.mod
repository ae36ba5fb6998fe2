module example.com/rr/environ

go 1.21
