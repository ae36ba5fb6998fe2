module example.com/rr/alonefail

go 1.21
