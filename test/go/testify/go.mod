module example.com/rr/testify

go 1.21
