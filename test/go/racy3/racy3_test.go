package racy3

import (
	"sync"
	"testing"
)

func TestCounter(t *testing.T) {
	c := &Counter{}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		c.Inc()
	}()
	_ = c.Get()
	wg.Wait()
}

func TestStats(t *testing.T) {
	s := &Stats{}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { // race 2: creation site of the atomic side
		defer wg.Done()
		s.Hit()
	}()
	_ = s.Hits()
	wg.Wait()
}

func TestCollect(t *testing.T) {
	c := &Collect{}
	var wg sync.WaitGroup
	for i := 0; i < 2; i++ {
		wg.Add(1)
		go func(v int) {
			defer wg.Done()
			c.Add(v)
		}(i)
	}
	wg.Wait()
}

func TestClean(t *testing.T) {
	var mu sync.Mutex
	n := 0
	var wg sync.WaitGroup
	for i := 0; i < 2; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			n++
			mu.Unlock()
		}()
	}
	wg.Wait()
}
