module example.com/rr/tmpfile

go 1.21
