// Package hostile exists to give race-rerun test output that tries to break out of markdown:
// test names and messages with backtick fences, HTML, links and @mentions.
package hostile

// Evil is what the tests print: it must show up escaped in the job summary and the comment.
const Evil = "```` ``` </details><script>alert(1)</script> [x](http://evil.example) @octocat @org/team"

// Fail panics with the hostile text.
//
//go:noinline
func Fail() {
	panic(Evil) // hostile.go:12
}
