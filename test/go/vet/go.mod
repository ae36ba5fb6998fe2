module example.com/rr/vet

go 1.21
