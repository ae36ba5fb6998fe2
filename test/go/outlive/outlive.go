package outlive

// Counter has no lock on purpose.
type Counter struct{ n int }

func (c *Counter) Inc() {
	c.n++ // the write
}

func (c *Counter) Get() int {
	return c.n // the read
}
