module example.com/rr/escape

go 1.21
