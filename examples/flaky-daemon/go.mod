module example.com/flaky-daemon

go 1.21
