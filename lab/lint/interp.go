package lint

// sval is a value read from a file, after variable interpolation (compose-go
// template for compose files, BuildKit's shell lexer for Dockerfiles).
type sval struct {
	s    string
	line int
	ok   bool   // false when a variable could not be resolved
	raw  string // the text as written, before interpolation
}
