// Command tlog-interop cross-checks the Terang public log (TypeScript, shared/log/) against Go's
// reference packages golang.org/x/mod/sumdb/note and golang.org/x/mod/sumdb/tlog.
//
// It runs in GOPATH mode against Debian's golang-golang-x-mod-dev, with no network:
//
//	GO111MODULE=off GOPATH=/usr/share/gocode GOPROXY=off go run tlog-interop.go <command> …
//
// Commands:
//
//	verify <dir>                         Go checks what we serve: reads <dir>/vectors.json and the
//	                                     C2SP tiles under <dir>/log, prints a JSON report on stdout.
//	generate <dir> <seed> <size> <origin> Go builds its own log: writes C2SP tiles under <dir>/log
//	                                     and <dir>/vectors.json for the TypeScript side to verify.
//
// Both sides use the C2SP tlog-tiles layout (tile/<L>/<N>[.p/<W>], tile/entries/<N>[.p/<W>]);
// Go's tlog.Tile.Path() spells the same tiles tile/8/<L>/<N>[.p/<W>].
package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math/rand"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

const tileHeight = 8

func main() {
	if len(os.Args) < 3 {
		fail("usage: tlog-interop verify <dir> | generate <dir> <seed> <size> <origin>")
	}
	var err error
	switch os.Args[1] {
	case "verify":
		err = verify(os.Args[2])
	case "generate":
		if len(os.Args) != 6 {
			fail("usage: tlog-interop generate <dir> <seed> <size> <origin>")
		}
		seed, err1 := strconv.ParseInt(os.Args[3], 10, 64)
		size, err2 := strconv.ParseInt(os.Args[4], 10, 64)
		if err1 != nil || err2 != nil || size < 1 {
			fail("seed and size must be integers, size ≥ 1")
		}
		err = generate(os.Args[2], seed, size, os.Args[5])
	default:
		fail("unknown command " + os.Args[1])
	}
	if err != nil {
		fail(err.Error())
	}
}

func fail(msg string) {
	fmt.Fprintln(os.Stderr, "tlog-interop:", msg)
	os.Exit(2)
}

// ---------------------------------------------------------------------------------------------
// Shared helpers: an in-memory tree, C2SP paths, entry bundles, checkpoints, tlog-proofs.

// memoryTree is Go's own Merkle tree, stored the way tlog.StoredHashes expects.
type memoryTree struct{ hashes []tlog.Hash }

func (m *memoryTree) ReadHashes(indexes []int64) ([]tlog.Hash, error) {
	out := make([]tlog.Hash, len(indexes))
	for i, x := range indexes {
		if x < 0 || x >= int64(len(m.hashes)) {
			return nil, fmt.Errorf("memoryTree: no stored hash %d", x)
		}
		out[i] = m.hashes[x]
	}
	return out, nil
}

func buildTree(entries [][]byte) (*memoryTree, error) {
	m := &memoryTree{}
	for i, e := range entries {
		hs, err := tlog.StoredHashes(int64(i), e, m)
		if err != nil {
			return nil, err
		}
		m.hashes = append(m.hashes, hs...)
	}
	return m, nil
}

func (m *memoryTree) root(size int64) tlog.Hash {
	h, err := tlog.TreeHash(size, m)
	if err != nil {
		panic(err)
	}
	return h
}

func (m *memoryTree) leaf(index int64) tlog.Hash {
	return m.hashes[tlog.StoredHashIndex(0, index)]
}

// c2spPath turns Go's tile/8/L/N[.p/W] into C2SP's tile/L/N[.p/W].
func c2spPath(t tlog.Tile) string {
	return "tile/" + strings.TrimPrefix(t.Path(), fmt.Sprintf("tile/%d/", tileHeight))
}

// goTile parses a C2SP hash tile path with Go's own (strict, canonical) parser.
func goTile(path string) (tlog.Tile, error) {
	return tlog.ParseTilePath(fmt.Sprintf("tile/%d/", tileHeight) + strings.TrimPrefix(path, "tile/"))
}

// entriesPath is the C2SP entry bundle path for bundle n of width w, spelled by tlog's N encoding.
func entriesPath(n int64, w int) string {
	return "tile/entries/" + strings.TrimPrefix(c2spPath(tlog.Tile{H: tileHeight, L: 0, N: n, W: w}), "tile/0/")
}

// tilesForSize lists the tiles a client needs for a tree of the given size: every full tile
// and, per level, the one partial tile of the width the size implies.
func tilesForSize(size int64) []tlog.Tile {
	var tiles []tlog.Tile
	for level := 0; size>>(tileHeight*level) > 0; level++ {
		hashes := size >> (tileHeight * level)
		for n := int64(0); n < hashes>>tileHeight; n++ {
			tiles = append(tiles, tlog.Tile{H: tileHeight, L: level, N: n, W: 1 << tileHeight})
		}
		if w := int(hashes & (1<<tileHeight - 1)); w > 0 {
			tiles = append(tiles, tlog.Tile{H: tileHeight, L: level, N: hashes >> tileHeight, W: w})
		}
	}
	return tiles
}

func encodeBundle(entries [][]byte) []byte {
	var b bytes.Buffer
	for _, e := range entries {
		var n [2]byte
		binary.BigEndian.PutUint16(n[:], uint16(len(e)))
		b.Write(n[:])
		b.Write(e)
	}
	return b.Bytes()
}

func decodeBundle(data []byte) ([][]byte, error) {
	var entries [][]byte
	for len(data) > 0 {
		if len(data) < 2 {
			return nil, errors.New("truncated length prefix")
		}
		n := int(binary.BigEndian.Uint16(data))
		if len(data) < 2+n {
			return nil, errors.New("truncated entry")
		}
		entries = append(entries, data[2:2+n])
		data = data[2+n:]
	}
	return entries, nil
}

type checkpoint struct {
	origin string
	size   int64
	root   tlog.Hash
}

func formatCheckpoint(c checkpoint) string {
	return fmt.Sprintf("%s\n%d\n%s\n", c.origin, c.size, c.root)
}

// parseCheckpoint reads the three mandatory C2SP tlog-checkpoint lines; extension lines may follow.
func parseCheckpoint(text string) (checkpoint, error) {
	lines := strings.SplitN(text, "\n", 4)
	if len(lines) < 4 {
		return checkpoint{}, errors.New("checkpoint has fewer than three lines")
	}
	size, err := strconv.ParseInt(lines[1], 10, 64)
	if err != nil || size < 0 || strconv.FormatInt(size, 10) != lines[1] {
		return checkpoint{}, fmt.Errorf("bad checkpoint size %q", lines[1])
	}
	root, err := tlog.ParseHash(lines[2])
	if err != nil {
		return checkpoint{}, fmt.Errorf("bad checkpoint root %q", lines[2])
	}
	return checkpoint{origin: lines[0], size: size, root: root}, nil
}

// openCheckpoint verifies a signed checkpoint note with Go's note.Open and parses its body.
func openCheckpoint(text string, v note.Verifier) (checkpoint, error) {
	n, err := note.Open([]byte(text), note.VerifierList(v))
	if err != nil {
		return checkpoint{}, err
	}
	return parseCheckpoint(n.Text)
}

const tlogProofHeader = "c2sp.org/tlog-proof@v1"

func formatTlogProof(index int64, proof tlog.RecordProof, signedCheckpoint string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\nindex %d\n", tlogProofHeader, index)
	for _, h := range proof {
		b.WriteString(h.String() + "\n")
	}
	b.WriteString("\n" + signedCheckpoint)
	return b.String()
}

type tlogProof struct {
	extra      []byte
	index      int64
	proof      tlog.RecordProof
	checkpoint string
}

// parseTlogProof follows https://c2sp.org/tlog-proof: header, optional extra, index, proof
// hashes, a blank line, then the signed checkpoint note.
func parseTlogProof(text string) (tlogProof, error) {
	var p tlogProof
	head, cp, ok := strings.Cut(text, "\n\n")
	if !ok {
		return p, errors.New("no blank line before the checkpoint")
	}
	p.checkpoint = cp
	lines := strings.Split(head, "\n")
	if lines[0] != tlogProofHeader {
		return p, fmt.Errorf("bad header %q", lines[0])
	}
	lines = lines[1:]
	if len(lines) > 0 && strings.HasPrefix(lines[0], "extra ") {
		extra, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(lines[0], "extra "))
		if err != nil {
			return p, errors.New("bad extra line")
		}
		p.extra, lines = extra, lines[1:]
	}
	if len(lines) == 0 || !strings.HasPrefix(lines[0], "index ") {
		return p, errors.New("missing index line")
	}
	digits := strings.TrimPrefix(lines[0], "index ")
	index, err := strconv.ParseInt(digits, 10, 64)
	if err != nil || index < 0 || strconv.FormatInt(index, 10) != digits {
		return p, fmt.Errorf("bad index line %q", lines[0])
	}
	p.index = index
	for _, l := range lines[1:] {
		h, err := tlog.ParseHash(l)
		if err != nil {
			return p, fmt.Errorf("bad proof hash %q", l)
		}
		p.proof = append(p.proof, h)
	}
	return p, nil
}

func flipBit(h tlog.Hash, bit int) tlog.Hash {
	h[(bit/8)%tlog.HashSize] ^= 1 << uint(bit%8)
	return h
}

func flipInProof(p []tlog.Hash, i int) []tlog.Hash {
	q := append([]tlog.Hash(nil), p...)
	k := i % len(q)
	q[k] = flipBit(q[k], i*7)
	return q
}

// flipSignatureBit corrupts one bit of the signature (not the key id) on a note's first signature line.
func flipSignatureBit(text string, i int) string {
	sep := strings.Index(text, "\n\n") + 2
	line := text[sep : strings.Index(text[sep:], "\n")+sep]
	sp := strings.LastIndex(line, " ")
	sig, _ := base64.StdEncoding.DecodeString(line[sp+1:])
	sig[4+i%(len(sig)-4)] ^= 1 << uint(i%8)
	return text[:sep] + line[:sp+1] + base64.StdEncoding.EncodeToString(sig) + text[sep+len(line):]
}

// interestingSizes are tree sizes at tile and power-of-two boundaries, capped at max.
func interestingSizes(max int64) []int64 {
	candidates := []int64{1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 100, 255, 256, 257, 300, 511, 512, 513,
		767, 768, 1000, 1023, 1024, 1025, 4095, 4096, 4097, 65535, 65536, 65537, 65792, 65793, max - 1, max}
	seen := map[int64]bool{}
	var sizes []int64
	for _, s := range candidates {
		if s >= 1 && s <= max && !seen[s] {
			seen[s] = true
			sizes = append(sizes, s)
		}
	}
	sort.Slice(sizes, func(i, j int) bool { return sizes[i] < sizes[j] })
	return sizes
}

func b64(hs []tlog.Hash) []string {
	out := make([]string, len(hs))
	for i, h := range hs {
		out[i] = h.String()
	}
	return out
}

func parseHashes(ss []string) ([]tlog.Hash, error) {
	out := make([]tlog.Hash, len(ss))
	for i, s := range ss {
		h, err := tlog.ParseHash(s)
		if err != nil {
			return nil, err
		}
		out[i] = h
	}
	return out, nil
}

func sameHashes(a, b []tlog.Hash) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// ---------------------------------------------------------------------------------------------
// verify: Go checks the log we serve.

type verifyInput struct {
	Origin      string `json:"origin"`
	Vkey        string `json:"vkey"`
	Size        int64  `json:"size"`
	Skey        string `json:"skey"`
	Checkpoints []struct {
		Size int64  `json:"size"`
		Note string `json:"note"`
	} `json:"checkpoints"`
	ForeignNotes []struct {
		Size int64  `json:"size"`
		Note string `json:"note"`
	} `json:"foreignNotes"`
	CosignedNotes []struct {
		Size int64  `json:"size"`
		Note string `json:"note"`
	} `json:"cosignedNotes"`
	Roots []struct {
		Size int64  `json:"size"`
		Root string `json:"root"`
	} `json:"roots"`
	Inclusion []struct {
		Index int64    `json:"index"`
		Size  int64    `json:"size"`
		Proof []string `json:"proof"`
	} `json:"inclusion"`
	Consistency []struct {
		M     int64    `json:"m"`
		N     int64    `json:"n"`
		Proof []string `json:"proof"`
	} `json:"consistency"`
	TlogProofs []struct {
		Index int64  `json:"index"`
		Text  string `json:"text"`
	} `json:"tlogProofs"`
}

type report struct {
	Received      map[string]int `json:"received"`
	Checks        map[string]int `json:"checks"`
	Disagreements []string       `json:"disagreements"`
}

func (r *report) ok(kind string) { r.Checks[kind]++ }
func (r *report) disagree(format string, a ...interface{}) {
	r.Disagreements = append(r.Disagreements, fmt.Sprintf(format, a...))
}

// check records a passed check of kind, or a disagreement when err is non-nil.
func (r *report) check(kind string, err error, format string, a ...interface{}) {
	if err != nil {
		r.disagree("%s: %s: %v", kind, fmt.Sprintf(format, a...), err)
		return
	}
	r.ok(kind)
}

// reject records a passed negative check when err is non-nil (Go rejected the corruption).
func (r *report) reject(err error, format string, a ...interface{}) {
	if err == nil {
		r.disagree("negative: Go accepted %s", fmt.Sprintf(format, a...))
		return
	}
	r.ok("negatives")
}

// tileDir serves our C2SP tiles to Go's tlog.TileHashReader. With prefix set, a partial tile
// that was never published at exactly that width is read as a prefix of a wider one (allowed
// by C2SP tlog-tiles); otherwise the exact file must exist.
type tileDir struct {
	root   string
	prefix bool
	cache  map[string][]byte
}

func (d *tileDir) Height() int { return tileHeight }

func (d *tileDir) read(path string) ([]byte, error) {
	if data, ok := d.cache[path]; ok {
		return data, nil
	}
	data, err := os.ReadFile(filepath.Join(d.root, filepath.FromSlash(path)))
	if err == nil {
		d.cache[path] = data
	}
	return data, err
}

func (d *tileDir) ReadTiles(tiles []tlog.Tile) ([][]byte, error) {
	out := make([][]byte, len(tiles))
	for i, t := range tiles {
		data, err := d.read(c2spPath(t))
		for w := t.W + 1; err != nil && d.prefix && w <= 1<<tileHeight; w++ {
			data, err = d.read(c2spPath(tlog.Tile{H: t.H, L: t.L, N: t.N, W: w}))
		}
		if err != nil {
			return nil, fmt.Errorf("tile %s: %v", c2spPath(t), err)
		}
		if len(data) < t.W*tlog.HashSize {
			return nil, fmt.Errorf("tile %s has %d bytes", c2spPath(t), len(data))
		}
		out[i] = data[:t.W*tlog.HashSize]
	}
	return out, nil
}

func (d *tileDir) SaveTiles([]tlog.Tile, [][]byte) {}

func verify(dir string) error {
	raw, err := os.ReadFile(filepath.Join(dir, "vectors.json"))
	if err != nil {
		return err
	}
	var in verifyInput
	if err := json.Unmarshal(raw, &in); err != nil {
		return err
	}
	logDir := filepath.Join(dir, "log")
	rep := &report{
		Received: map[string]int{
			"checkpoints": len(in.Checkpoints), "foreignNotes": len(in.ForeignNotes), "cosignedNotes": len(in.CosignedNotes), "roots": len(in.Roots),
			"inclusion": len(in.Inclusion), "consistency": len(in.Consistency), "tlogProofs": len(in.TlogProofs),
		},
		Checks:        map[string]int{},
		Disagreements: []string{},
	}

	verifier, err := note.NewVerifier(in.Vkey)
	if err != nil {
		return fmt.Errorf("note.NewVerifier(%q): %v", in.Vkey, err)
	}
	rep.ok("vkey")
	goSigner, err := note.NewSigner(in.Skey)
	if err != nil {
		return fmt.Errorf("note.NewSigner(our skey): %v", err)
	}
	rep.ok("skey")

	// Entries: every entry bundle file, full or partial, must agree with the final log.
	entries, err := readEntries(logDir, in.Size)
	if err != nil {
		return err
	}
	rep.ok("entries")
	tree, err := buildTree(entries)
	if err != nil {
		return err
	}

	// Tiles: every hash tile we wrote must be Go's tlog.ReadTileData of Go's own tree, and
	// every entry bundle must hold the entries it names.
	err = filepath.WalkDir(filepath.Join(logDir, "tile"), func(p string, de fs.DirEntry, err error) error {
		if err != nil || de.IsDir() {
			return err
		}
		rel := filepath.ToSlash(strings.TrimPrefix(p, logDir+string(filepath.Separator)))
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if strings.HasPrefix(rel, "tile/entries/") {
			t, err := goTile("tile/0/" + strings.TrimPrefix(rel, "tile/entries/"))
			if err != nil {
				rep.disagree("bundles: Go cannot parse path %s: %v", rel, err)
				return nil
			}
			start := t.N << tileHeight
			want := encodeBundle(entries[start : start+int64(t.W)])
			if !bytes.Equal(data, want) {
				rep.disagree("bundles: %s differs from the entries it should hold", rel)
				return nil
			}
			rep.ok("bundles")
			return nil
		}
		t, err := goTile(rel)
		if err != nil {
			rep.disagree("tiles: tlog.ParseTilePath rejects %s: %v", rel, err)
			return nil
		}
		want, err := tlog.ReadTileData(t, tree)
		if err != nil {
			rep.disagree("tiles: %s lies beyond the log: %v", rel, err)
			return nil
		}
		if !bytes.Equal(data, want) {
			rep.disagree("tiles: %s differs from tlog.ReadTileData", rel)
			return nil
		}
		rep.ok("tiles")
		return nil
	})
	if err != nil {
		return err
	}

	// Checkpoints: note.Open accepts our signature, the body names our origin, and the root
	// is Go's tree hash — both from Go's own tree and through tlog.TileHashReader over the
	// exact tiles we published for that size.
	strict := &tileDir{root: logDir, cache: map[string][]byte{}}
	loose := &tileDir{root: logDir, prefix: true, cache: map[string][]byte{}}
	for _, c := range in.Checkpoints {
		cp, err := openCheckpoint(c.Note, verifier)
		if err != nil {
			rep.disagree("checkpoints: note.Open rejects our checkpoint at size %d: %v", c.Size, err)
			continue
		}
		switch {
		case cp.origin != in.Origin:
			rep.disagree("checkpoints: origin %q, want %q", cp.origin, in.Origin)
		case cp.size != c.Size:
			rep.disagree("checkpoints: size %d, want %d", cp.size, c.Size)
		case cp.root != tree.root(c.Size):
			rep.disagree("checkpoints: root at size %d is %s, Go computes %s", c.Size, cp.root, tree.root(c.Size))
		default:
			rep.ok("checkpoints")
		}
		// Ed25519 is deterministic: Go signing the same body with our skey must give our note.
		goNote, err := note.Sign(&note.Note{Text: c.Note[:strings.Index(c.Note, "\n\n")+1]}, goSigner)
		if err == nil && string(goNote) != c.Note {
			err = fmt.Errorf("Go signs %q, we served %q", goNote, c.Note)
		}
		rep.check("signatures", err, "note.Sign of our checkpoint at size %d", c.Size)
		for _, t := range tilesForSize(c.Size) {
			if _, err := os.Stat(filepath.Join(logDir, filepath.FromSlash(c2spPath(t)))); err != nil {
				rep.disagree("published: tile %s for size %d was not written", c2spPath(t), c.Size)
			}
		}
		h, err := tlog.TreeHash(c.Size, tlog.TileHashReader(tlog.Tree{N: c.Size, Hash: cp.root}, strict))
		rep.check("tileTreeHashes", err, "TreeHash over our tiles at size %d", c.Size)
		if err == nil && h != cp.root {
			rep.disagree("tileTreeHashes: TreeHash over our tiles at size %d is %s, checkpoint says %s", c.Size, h, cp.root)
		}

		// Go must reject the same checkpoint with one flipped signature bit or an edited body.
		_, err = openCheckpoint(flipSignatureBit(c.Note, int(c.Size)), verifier)
		rep.reject(err, "checkpoint %d with a flipped signature bit", c.Size)
		edited := strings.Replace(c.Note, fmt.Sprintf("\n%d\n", c.Size), fmt.Sprintf("\n%d\n", c.Size+1), 1)
		_, err = openCheckpoint(edited, verifier)
		rep.reject(err, "checkpoint %d with its size line changed", c.Size)
	}
	// A witness's cosignature line is kept as unverified and does not stop note.Open.
	for _, c := range in.CosignedNotes {
		n, err := note.Open([]byte(c.Note), note.VerifierList(verifier))
		if err == nil && (len(n.Sigs) != 1 || len(n.UnverifiedSigs) != 1) {
			err = fmt.Errorf("%d verified and %d unverified signatures, want 1 and 1", len(n.Sigs), len(n.UnverifiedSigs))
		}
		rep.check("cosignedNotes", err, "note.Open of our checkpoint %d with a witness cosignature", c.Size)
	}
	for _, c := range in.ForeignNotes {
		_, err := openCheckpoint(c.Note, verifier)
		rep.reject(err, "a checkpoint at size %d signed by another key", c.Size)
	}

	// Roots we computed for every size we prove against.
	roots := map[int64]tlog.Hash{}
	for _, r := range in.Roots {
		h, err := tlog.ParseHash(r.Root)
		if err != nil || r.Size < 1 || r.Size > in.Size {
			rep.disagree("roots: bad root %+v", r)
			continue
		}
		roots[r.Size] = h
		if want := tree.root(r.Size); h != want {
			rep.disagree("roots: our root at size %d is %s, Go computes %s", r.Size, h, want)
			continue
		}
		rep.ok("roots")
	}
	readerFor := func(size int64) tlog.HashReader {
		return tlog.TileHashReader(tlog.Tree{N: size, Hash: tree.root(size)}, loose)
	}

	for i, p := range in.Inclusion {
		proof, err := parseHashes(p.Proof)
		if err != nil || p.Size < 1 || p.Size > in.Size || p.Index < 0 || p.Index >= p.Size {
			rep.disagree("inclusion: malformed vector %+v", p)
			continue
		}
		th, leaf := tree.root(p.Size), tree.leaf(p.Index)
		rep.check("inclusion", tlog.CheckRecord(proof, p.Size, th, p.Index, leaf), "CheckRecord(index %d, size %d)", p.Index, p.Size)
		goProof, err := tlog.ProveRecord(p.Size, p.Index, readerFor(p.Size))
		if err == nil && !sameHashes(goProof, proof) {
			err = fmt.Errorf("Go proves %v, we served %v", b64(goProof), p.Proof)
		}
		rep.check("proveRecord", err, "ProveRecord(size %d, index %d) from our tiles", p.Size, p.Index)

		if len(proof) > 0 {
			rep.reject(tlog.CheckRecord(flipInProof(proof, i), p.Size, th, p.Index, leaf), "inclusion proof %d/%d with a flipped bit", p.Index, p.Size)
			rep.reject(tlog.CheckRecord(proof[:len(proof)-1], p.Size, th, p.Index, leaf), "inclusion proof %d/%d missing its last hash", p.Index, p.Size)
		}
		wrongIndex := (p.Index + 1) % p.Size
		if p.Size == 1 {
			wrongIndex = 1
		}
		rep.reject(tlog.CheckRecord(proof, p.Size, th, wrongIndex, leaf), "inclusion proof %d/%d at the wrong index", p.Index, p.Size)
		rep.reject(tlog.CheckRecord(proof, p.Size, th, p.Index, tlog.RecordHash([]byte("not in the log"))), "inclusion proof %d/%d for another entry", p.Index, p.Size)
	}

	for i, p := range in.Consistency {
		proof, err := parseHashes(p.Proof)
		if err != nil || p.M < 1 || p.M >= p.N || p.N > in.Size {
			rep.disagree("consistency: malformed vector %+v", p)
			continue
		}
		old, cur := tree.root(p.M), tree.root(p.N)
		rep.check("consistency", tlog.CheckTree(proof, p.N, cur, p.M, old), "CheckTree(m %d, n %d)", p.M, p.N)
		goProof, err := tlog.ProveTree(p.N, p.M, readerFor(p.N))
		if err == nil && !sameHashes(goProof, proof) {
			err = fmt.Errorf("Go proves %v, we served %v", b64(goProof), p.Proof)
		}
		rep.check("proveTree", err, "ProveTree(n %d, m %d) from our tiles", p.N, p.M)

		if len(proof) > 0 {
			rep.reject(tlog.CheckTree(flipInProof(proof, i), p.N, cur, p.M, old), "consistency proof %d→%d with a flipped bit", p.M, p.N)
		}
		rep.reject(tlog.CheckTree(proof, p.N, cur, p.M, tree.root(p.M+1)), "consistency proof %d→%d against the wrong old root", p.M, p.N)
		if p.M+1 < p.N {
			rep.reject(tlog.CheckTree(proof, p.N, cur, p.M+1, tree.root(p.M+1)), "consistency proof %d→%d claimed for m+1", p.M, p.N)
		}
	}

	for _, t := range in.TlogProofs {
		p, err := parseTlogProof(t.Text)
		if err != nil {
			rep.disagree("tlogProofs: cannot parse the proof for %d: %v", t.Index, err)
			continue
		}
		cp, err := openCheckpoint(p.checkpoint, verifier)
		if err == nil && (p.index != t.Index || cp.origin != in.Origin || cp.size > in.Size) {
			err = fmt.Errorf("index %d, origin %q, size %d", p.index, cp.origin, cp.size)
		}
		if err == nil {
			err = tlog.CheckRecord(p.proof, cp.size, cp.root, p.index, tlog.RecordHash(entries[p.index]))
		}
		rep.check("tlogProofs", err, "tlog-proof for entry %d", t.Index)
	}

	return json.NewEncoder(os.Stdout).Encode(rep)
}

// readEntries reads the first size entries from the C2SP entry bundles under logDir.
func readEntries(logDir string, size int64) ([][]byte, error) {
	var entries [][]byte
	for n := int64(0); n<<tileHeight < size; n++ {
		w := 1 << tileHeight
		if rest := size - n<<tileHeight; rest < int64(w) {
			w = int(rest)
		}
		path := entriesPath(n, w)
		data, err := os.ReadFile(filepath.Join(logDir, filepath.FromSlash(path)))
		if err != nil {
			return nil, fmt.Errorf("entry bundle: %v", err)
		}
		bundle, err := decodeBundle(data)
		if err != nil || len(bundle) != w {
			return nil, fmt.Errorf("entry bundle %s: %d entries, %v", path, len(bundle), err)
		}
		entries = append(entries, bundle...)
	}
	return entries, nil
}

// ---------------------------------------------------------------------------------------------
// generate: Go builds its own log for the TypeScript side to verify.

type generated struct {
	Origin      string    `json:"origin"`
	Vkey        string    `json:"vkey"`
	Skey        string    `json:"skey"`
	Size        int64     `json:"size"`
	Entries     []string  `json:"entries"`
	Checkpoints []gcp     `json:"checkpoints"`
	Cosigned    []gcp     `json:"cosignedNotes"`
	Inclusion   []gincl   `json:"inclusion"`
	Consistency []gcons   `json:"consistency"`
	TlogProofs  []gtpf    `json:"tlogProofs"`
	Negatives   negatives `json:"negatives"`
}

type gcp struct {
	Size int64  `json:"size"`
	Root string `json:"root"`
	Note string `json:"note"`
}
type gincl struct {
	Index    int64    `json:"index"`
	Size     int64    `json:"size"`
	LeafHash string   `json:"leafHash"`
	Root     string   `json:"root"`
	Proof    []string `json:"proof"`
	Why      string   `json:"why,omitempty"`
}
type gcons struct {
	M       int64    `json:"m"`
	N       int64    `json:"n"`
	OldRoot string   `json:"oldRoot"`
	NewRoot string   `json:"newRoot"`
	Proof   []string `json:"proof"`
	Why     string   `json:"why,omitempty"`
}
type gtpf struct {
	Index int64  `json:"index"`
	Entry string `json:"entry"`
	Text  string `json:"text"`
	Why   string `json:"why,omitempty"`
}
type gnote struct {
	Note string `json:"note"`
	Why  string `json:"why"`
}
type negatives struct {
	Notes       []gnote `json:"notes"`
	Inclusion   []gincl `json:"inclusion"`
	Consistency []gcons `json:"consistency"`
	TlogProofs  []gtpf  `json:"tlogProofs"`
}

// seededReader is a deterministic byte stream (SHA-256 in counter mode) for note.GenerateKey.
type seededReader struct {
	seed []byte
	n    uint64
	buf  []byte
}

func (r *seededReader) Read(p []byte) (int, error) {
	for i := range p {
		if len(r.buf) == 0 {
			var ctr [8]byte
			binary.BigEndian.PutUint64(ctr[:], r.n)
			r.n++
			sum := sha256.Sum256(append(append([]byte{}, r.seed...), ctr[:]...))
			r.buf = sum[:]
		}
		p[i], r.buf = r.buf[0], r.buf[1:]
	}
	return len(p), nil
}

func generate(dir string, seed, size int64, origin string) error {
	rng := rand.New(rand.NewSource(seed))
	// Entries are unique (so a proof for one index cannot hold for another by coincidence),
	// of random length and content; entry 7 is empty.
	entries := make([][]byte, size)
	for i := range entries {
		random := make([]byte, rng.Intn(160))
		rng.Read(random)
		if i != 7 {
			entries[i] = append([]byte(fmt.Sprintf("go entry %d:", i)), random...)
		}
	}
	tree, err := buildTree(entries)
	if err != nil {
		return err
	}
	skey, vkey, err := note.GenerateKey(&seededReader{seed: []byte(fmt.Sprintf("go-log-%d", seed))}, origin)
	if err != nil {
		return err
	}
	otherSkey, _, err := note.GenerateKey(&seededReader{seed: []byte(fmt.Sprintf("go-other-%d", seed))}, origin)
	if err != nil {
		return err
	}
	witnessSkey, _, err := note.GenerateKey(&seededReader{seed: []byte(fmt.Sprintf("go-witness-%d", seed))}, "witness.example/w1")
	if err != nil {
		return err
	}
	witness, _ := note.NewSigner(witnessSkey)
	signer, _ := note.NewSigner(skey)
	other, _ := note.NewSigner(otherSkey)
	sign := func(s note.Signer, size int64) string {
		text, err := note.Sign(&note.Note{Text: formatCheckpoint(checkpoint{origin, size, tree.root(size)})}, s)
		if err != nil {
			panic(err)
		}
		return string(text)
	}
	verifier, _ := note.NewVerifier(vkey)

	out := generated{Origin: origin, Vkey: vkey, Skey: skey, Size: size}
	for _, e := range entries {
		out.Entries = append(out.Entries, base64.StdEncoding.EncodeToString(e))
	}

	// Publish tiles and entry bundles the way a C2SP log does at each checkpoint size.
	logDir := filepath.Join(dir, "log")
	sizes := interestingSizes(size)
	notes := map[int64]string{}
	for _, s := range sizes {
		for _, t := range tilesForSize(s) {
			data, err := tlog.ReadTileData(t, tree)
			if err != nil {
				return err
			}
			if err := writeFile(logDir, c2spPath(t), data); err != nil {
				return err
			}
			if t.L == 0 {
				start := t.N << tileHeight
				if err := writeFile(logDir, entriesPath(t.N, t.W), encodeBundle(entries[start:start+int64(t.W)])); err != nil {
					return err
				}
			}
		}
		notes[s] = sign(signer, s)
		out.Checkpoints = append(out.Checkpoints, gcp{Size: s, Root: tree.root(s).String(), Note: notes[s]})
		// The same checkpoint, cosigned: the witness's line comes first.
		cosigned, err := note.Sign(&note.Note{Text: formatCheckpoint(checkpoint{origin, s, tree.root(s)})}, witness, signer)
		if err != nil {
			return err
		}
		out.Cosigned = append(out.Cosigned, gcp{Size: s, Root: tree.root(s).String(), Note: string(cosigned)})
	}
	if err := writeFile(logDir, "checkpoint", []byte(notes[size])); err != nil {
		return err
	}

	for i, s := range sizes {
		if _, err := openCheckpoint(notes[s], verifier); err != nil {
			return fmt.Errorf("Go rejects its own checkpoint: %v", err)
		}
		out.Negatives.Notes = append(out.Negatives.Notes,
			gnote{Why: fmt.Sprintf("size %d signed by another key with the same name", s), Note: sign(other, s)},
			gnote{Why: fmt.Sprintf("size %d with a flipped signature bit", s), Note: flipSignatureBit(notes[s], i)},
			gnote{Why: fmt.Sprintf("size %d with its root line changed", s), Note: strings.Replace(notes[s], tree.root(s).String(), flipBit(tree.root(s), i).String(), 1)},
		)
	}

	// Inclusion proofs at boundary indexes of every interesting size, plus random pairs.
	var inclPairs [][2]int64
	seen := map[[2]int64]bool{}
	addPair := func(pairs *[][2]int64, a, b int64) {
		if !seen[[2]int64{a, b}] {
			seen[[2]int64{a, b}] = true
			*pairs = append(*pairs, [2]int64{a, b})
		}
	}
	for _, s := range sizes {
		for _, x := range []int64{0, 1, s / 2, s - 2, s - 1, rng.Int63n(s)} {
			if x >= 0 && x < s {
				addPair(&inclPairs, x, s)
			}
		}
	}
	for i := 0; i < 200; i++ {
		s := 1 + rng.Int63n(size)
		addPair(&inclPairs, rng.Int63n(s), s)
	}
	for i, pair := range inclPairs {
		x, s := pair[0], pair[1]
		proof, err := tlog.ProveRecord(s, x, tree)
		if err != nil {
			return err
		}
		v := gincl{Index: x, Size: s, LeafHash: tree.leaf(x).String(), Root: tree.root(s).String(), Proof: b64(proof)}
		out.Inclusion = append(out.Inclusion, v)
		if i%5 != 0 {
			continue
		}
		if len(proof) > 0 {
			bad := v
			bad.Proof, bad.Why = b64(flipInProof(proof, i)), "one flipped bit in a proof hash"
			out.Negatives.Inclusion = append(out.Negatives.Inclusion, bad)
		}
		bad := v
		bad.LeafHash, bad.Why = tlog.RecordHash([]byte("not in the log")).String(), "a leaf that is not in the log"
		out.Negatives.Inclusion = append(out.Negatives.Inclusion, bad)
		if s > 1 {
			bad := v
			bad.Index, bad.Why = (x+1)%s, "the wrong index"
			out.Negatives.Inclusion = append(out.Negatives.Inclusion, bad)
		}
	}

	// Consistency proofs between every pair of interesting sizes, plus random pairs.
	var consPairs [][2]int64
	seen = map[[2]int64]bool{}
	for i, m := range sizes {
		for _, n := range sizes[i+1:] {
			addPair(&consPairs, m, n)
		}
	}
	for i := 0; i < 200 && size > 1; i++ {
		n := 2 + rng.Int63n(size-1)
		addPair(&consPairs, 1+rng.Int63n(n-1), n)
	}
	for i, pair := range consPairs {
		m, n := pair[0], pair[1]
		proof, err := tlog.ProveTree(n, m, tree)
		if err != nil {
			return err
		}
		v := gcons{M: m, N: n, OldRoot: tree.root(m).String(), NewRoot: tree.root(n).String(), Proof: b64(proof)}
		out.Consistency = append(out.Consistency, v)
		if i%5 != 0 {
			continue
		}
		if len(proof) > 0 {
			bad := v
			bad.Proof, bad.Why = b64(flipInProof(proof, i)), "one flipped bit in a proof hash"
			out.Negatives.Consistency = append(out.Negatives.Consistency, bad)
		}
		bad := v
		bad.OldRoot, bad.Why = tree.root(m+1).String(), "the wrong old root"
		out.Negatives.Consistency = append(out.Negatives.Consistency, bad)
		if m+1 < n {
			bad := v
			bad.M, bad.Why = m+1, "the wrong old size"
			out.Negatives.Consistency = append(out.Negatives.Consistency, bad)
		}
	}

	// C2SP tlog-proofs (Go has no package for these; the format is three lines and a note).
	for i, s := range sizes {
		for _, x := range []int64{0, s / 3, s - 1} {
			proof, err := tlog.ProveRecord(s, x, tree)
			if err != nil {
				return err
			}
			entry := base64.StdEncoding.EncodeToString(entries[x])
			text := formatTlogProof(x, proof, notes[s])
			out.TlogProofs = append(out.TlogProofs, gtpf{Index: x, Entry: entry, Text: text})
			if x != s-1 {
				continue
			}
			other := sign(other, s)
			out.Negatives.TlogProofs = append(out.Negatives.TlogProofs,
				gtpf{Index: x, Entry: entry, Text: formatTlogProof(x, proof, other), Why: "a checkpoint signed by another key"},
				gtpf{Index: x, Entry: base64.StdEncoding.EncodeToString([]byte("not in the log")), Text: text, Why: "another entry"},
			)
			if len(proof) > 0 {
				out.Negatives.TlogProofs = append(out.Negatives.TlogProofs,
					gtpf{Index: x, Entry: entry, Text: formatTlogProof(x, flipInProof(proof, i), notes[s]), Why: "one flipped bit in a proof hash"})
			}
			if s > 1 {
				out.Negatives.TlogProofs = append(out.Negatives.TlogProofs,
					gtpf{Index: x, Entry: entry, Text: formatTlogProof(x-1, proof, notes[s]), Why: "the wrong index line"})
			}
		}
	}

	// Go must itself reject every negative it hands over.
	if err := checkOwnNegatives(out, verifier); err != nil {
		return err
	}

	raw, err := json.Marshal(out)
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "vectors.json"), raw, 0o644)
}

func checkOwnNegatives(out generated, v note.Verifier) error {
	for _, n := range out.Negatives.Notes {
		if _, err := openCheckpoint(n.Note, v); err == nil {
			return fmt.Errorf("Go accepts its own negative note: %s", n.Why)
		}
	}
	for _, p := range out.Negatives.Inclusion {
		proof, _ := parseHashes(p.Proof)
		leaf, _ := tlog.ParseHash(p.LeafHash)
		root, _ := tlog.ParseHash(p.Root)
		if tlog.CheckRecord(proof, p.Size, root, p.Index, leaf) == nil {
			return fmt.Errorf("Go accepts its own negative inclusion proof: %s", p.Why)
		}
	}
	for _, p := range out.Negatives.Consistency {
		proof, _ := parseHashes(p.Proof)
		old, _ := tlog.ParseHash(p.OldRoot)
		cur, _ := tlog.ParseHash(p.NewRoot)
		if tlog.CheckTree(proof, p.N, cur, p.M, old) == nil {
			return fmt.Errorf("Go accepts its own negative consistency proof: %s", p.Why)
		}
	}
	for _, t := range out.Negatives.TlogProofs {
		p, err := parseTlogProof(t.Text)
		if err != nil {
			continue
		}
		cp, err := openCheckpoint(p.checkpoint, v)
		entry, _ := base64.StdEncoding.DecodeString(t.Entry)
		if err == nil && tlog.CheckRecord(p.proof, cp.size, cp.root, p.index, tlog.RecordHash(entry)) == nil {
			return fmt.Errorf("Go accepts its own negative tlog-proof: %s", t.Why)
		}
	}
	return nil
}

func writeFile(root, path string, data []byte) error {
	p := filepath.Join(root, filepath.FromSlash(path))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	return os.WriteFile(p, data, 0o644)
}
