module example.com/rr/racy3

go 1.21
