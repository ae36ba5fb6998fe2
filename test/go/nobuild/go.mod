module example.com/rr/nobuild

go 1.21
