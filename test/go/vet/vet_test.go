package vet

import (
	"fmt"
	"testing"
)

func TestName(t *testing.T) {
	_ = fmt.Sprintf("%d", Name()) // vet_test.go:9: fmt.Sprintf format %d has arg Name() of wrong type string
}
