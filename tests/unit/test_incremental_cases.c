// SPDX-License-Identifier: MIT
// Incremental analysis, case by case: edits that change what one statement's findings depend
// on in another, each followed by the document's own analysis (rv_doc_analyze), which must
// equal a whole analysis of the same tree and must have taken the incremental path. The random
// oracles (test_oracle) find such cases by chance; these keep the ones found so far.
#include "analysis_internal.h"
#include "check.h"
#include "findings_text.h"
#include "model_text.h"
#include "reviewls/analysis.h"
#include "reviewls/doc.h"
#include "reviewls/parse.h"

/* An edit: replace `del` bytes at the `nth` (0-based) occurrence of `at`, plus `skip`. */
struct step {
    const char *at;
    int nth;
    size_t skip;
    size_t del;
    const char *ins;
};

struct scenario {
    const char *name;
    const char *text;
    struct step steps[4];
    const char *path; /* the path analysed; NULL for m.py */
    bool windowed;    /* every step reads only the units around the edit from the tree */
    bool in_place;    /* every step builds the model in the last one's vectors */
};

static const struct scenario scenarios[] = {
    {"renaming a test base class makes its subclass ordinary code (security reads is_test)",
     "import unittest\n\n\nclass Base(unittest.TestCase):\n    def setUp(self):\n"
     "        self.value = 1\n\n\ndef helper():\n    return 1\n\n\nclass Foo(Base):\n"
     "    def test_a(self):\n        assert self.value == 1\n\n"
     "    def test_b(self):\n        assert self.value == 2\n",
     {{"class Base", 0, 9, 1, ""}, {"class Bas", 0, 9, 0, "e"}, {NULL, 0, 0, 0, NULL}},
     NULL,
     false,
     false},
    {"a space typed right after a name another statement's finding quotes as evidence keeps "
     "that evidence's range (an insertion at a range's end falls outside it)",
     "first_name = 1\nsecond_name = 2\nthird_name = 3\nfourth_name = 4\nfifth_name = 5\n\n\n"
     "def helper():\n    return 1\n\n\nmixed_Case = 6\n",
     {{"second_name", 0, 11, 0, " "}, {"second_name ", 0, 11, 1, ""}, {NULL, 0, 0, 0, NULL}},
     NULL,
     true,
     true},
    {"a second binding of a module name is not the first in its scope",
     "def first():\n    return 1\n\n\ndef second():\n    return 2\n\n\nMaxValue = 3\n",
     {{"def second", 0, 0, 0, "MaxValue = 1\n\n\n"},
      {"MaxValue = 1", 0, 0, 15, ""},
      {NULL, 0, 0, 0, NULL}},
     NULL,
     false,
     false},
    {"a class's last statement dedented out of it, and back: the class ends before it, though "
     "the statements before it are as they were (the line-typing oracle over typing.py)",
     "class Service:\n    \"\"\"Serves.\"\"\"\n\n    def a(self):\n        return 1\n\n"
     "    value = 2\n\n\ndef tail():\n    return 3\n",
     {{"    value = 2", 0, 0, 4, ""}, {"value = 2", 0, 0, 0, "    "}, {NULL, 0, 0, 0, NULL}},
     NULL,
     false,
     false},
    {"a method added to a class changes its method count",
     "class Service:\n    \"\"\"Serves.\"\"\"\n\n    def a(self):\n        return 1\n\n"
     "    def b(self):\n        return 2\n\n\ndef tail():\n    return 3\n",
     {{"    def b", 0, 0, 0, "    def c(self):\n        return 4\n\n"},
      {"    def c", 0, 0, 34, ""},
      {NULL, 0, 0, 0, NULL}},
     NULL,
     false,
     false},
    {"renaming a function frees its name for the module variable bound after it, which now "
     "counts (RV553: 21 module variables, the limit 20), and back (the typing oracle over "
     "_collections_abc.py)",
     "a01 = 1\na02 = 2\na03 = 3\na04 = 4\na05 = 5\na06 = 6\na07 = 7\na08 = 8\na09 = 9\n"
     "a10 = 10\na11 = 11\na12 = 12\na13 = 13\na14 = 14\na15 = 15\na16 = 16\na17 = 17\n"
     "a18 = 18\na19 = 19\na20 = 20\n\n\ndef thing():\n    return 1\n\n\nthing = thing()\n",
     {{"def thing", 0, 9, 0, "x"}, {"def thingx", 0, 9, 1, ""}, {NULL, 0, 0, 0, NULL}},
     NULL,
     false,
     false},
    {"a class that grows keeps its later code inside it (the head holds the class node)",
     "import unittest\n\n\nclass ThingTest(unittest.TestCase):\n    def test_a(self):\n"
     "        self.assertTrue(True)\n\n    def test_b(self):\n        x = 1\n",
     {{"        x = 1", 0, 13, 0, "\n        assert x == 1\n        assert x != 2"},
      {"        assert x == 1", 0, 0, 22, ""},
      {NULL, 0, 0, 0, NULL}},
     NULL,
     false,
     false},
    {"a lone CR turned into CRLF before a multi-line string moves no copied row",
     "x = 1\r\ny = 2\r\r\n\ndef f():\n\tz = \"\"\"a\n    b\n\"\"\"\n\treturn z\n\n\n"
     "def g():\n    return 1\n",
     {{"y = 2\r", 0, 6, 0, "\n"}, {"y = 2\r\n", 0, 6, 1, ""}, {NULL, 0, 0, 0, NULL}},
     NULL,
     false,
     false},
    {"a protocol constant typed into a file that named none is judged (security's memo)",
     "import ssl\n\n\ndef connect(sock):\n    return ssl.wrap_socket(sock, ssl_version=ssl.X)\n"
     "\n\ndef other():\n    return 1\n",
     {{"ssl.X", 0, 4, 1, "PROTOCOL_SSLv2"},
      {"PROTOCOL_SSLv2", 0, 0, 14, "X"},
      {NULL, 0, 0, 0, NULL}},
     NULL,
     false,
     false},
    {"a block off the file's unit is judged in a ranged run, and not once fixed (its memo)",
     "def f(a):\n    if a:\n        return 1\n    return 2\n\n\ndef g(b):\n  if b:\n"
     "    return 3\n  return 4\n\n\ndef h(c):\n    if c:\n        return 5\n    return 6\n",
     {{"return 3", 0, 7, 1, "30"},
      {"  if b:\n    return 30\n  return 4", 0, 0, 30,
       "    if b:\n        return 30\n    return 4"},
      {"return 30", 0, 7, 2, "3"},
      {NULL, 0, 0, 0, NULL}},
     NULL,
     false,
     false},
    {"naming's evidence in a statement rewritten whole with the same name keeps its place",
     "lower_a = 3\nlower_b = 4\nlower_c = 5\nmixedName = 6\n\n\ndef f():\n    return 1\n",
     {{"lower_a = 3", 0, 0, 11, "lower_a = 7"},
      {"lower_a = 7", 0, 0, 11, "lower_a = 3"},
      {NULL, 0, 0, 0, NULL}},
     NULL,
     false,
     false},
    {"a return annotation removed changes the module's habit (type hints read the outline)",
     "def a(x: int) -> int:\n    return x\n\n\ndef b(x: int) -> int:\n    return x\n\n\n"
     "def c(x: int):\n    return x\n\n\ndef d(x: int) -> int:\n    return x\n",
     {{" -> int:", 0, 0, 7, ""}, {"def a(x: int)", 0, 13, 0, " -> int"}, {NULL, 0, 0, 0, NULL}},
     NULL,
     false,
     false},
    {"a ranged run judges its functions by the module's habit as the last whole run counted it",
     "def a(x: int) -> int:\n    return x\n\n\ndef b(x: int) -> int:\n    return x\n\n\n"
     "def c(x: int):\n    return x\n\n\ndef d(x: int) -> int:\n    return x\n",
     {{" -> int:", 0, 0, 7, ""}, {"    return x", 2, 12, 0, " + 1"}, {NULL, 0, 0, 0, NULL}},
     NULL,
     false,
     false},
    {"a ranged run judges names by the counts and evidence of the last whole run (naming's memo)",
     "import os\n\n\ndef thirdOne(value):\n    return value\n\n\ndef first_one():\n"
     "    return 1\n\n\n"
     "def second_one():\n    return 2\n\n\ndef fourth_one():\n    return 4\n",
     {{"fourth_one", 0, 6, 4, "One"},
      {"    return value", 0, 16, 0, " + 1"},
      {NULL, 0, 0, 0, NULL}},
     NULL,
     false,
     false},
    {"a line added above a copied function moves its rows (RV402 counts rows and comments)",
     "def first():\n    return 1\n\n\ndef long_one(a):\n    # start\n"
     "    a = a + 0\n    a = a + 1\n    a = a + 2\n"
     "    a = a + 3\n    a = a + 4\n    a = a + 5\n"
     "    a = a + 6\n    a = a + 7\n    a = a + 8\n"
     "    a = a + 9\n    a = a + 10\n    a = a + 11\n"
     "    a = a + 12\n    a = a + 13\n    a = a + 14\n"
     "    a = a + 15\n    a = a + 16\n    a = a + 17\n"
     "    a = a + 18\n    a = a + 19\n    a = a + 20\n"
     "    a = a + 21\n    a = a + 22\n    a = a + 23\n"
     "    a = a + 24\n    a = a + 25\n    a = a + 26\n"
     "    a = a + 27\n    a = a + 28\n    a = a + 29\n"
     "    a = a + 30\n    a = a + 31\n    a = a + 32\n"
     "    a = a + 33\n    a = a + 34\n    a = a + 35\n"
     "    a = a + 36\n    a = a + 37\n    a = a + 38\n"
     "    a = a + 39\n    a = a + 40\n    a = a + 41\n"
     "    return a\n",
     {{"    return 1", 0, 0, 0, "    x = 0\n"},
      {"    x = 0\n", 0, 0, 10, ""},
      {NULL, 0, 0, 0, NULL}},
     NULL,
     false,
     false},
    {"ranged runs in a file with a class off the file's unit read the blocks around them",
     "def f(a):\n    if a:\n        return 1\n    return 2\n\n\ndef g(b):\n    if b:\n"
     "        return 3\n    return 4\n\n\nclass Widget:\n  def first(self, x):\n    if x:\n"
     "      return 1\n    return 0\n\n  def second(self, y):\n    if y:\n      return 2\n"
     "    return 0\n\n\ndef h(c):\n    if c:\n        return 5\n    return 6\n",
     {{"return 2\n    return 0", 0, 7, 0, "0"},
      {"return 1\n    return 0", 0, 7, 0, "0"},
      {"return 3", 0, 7, 0, "0"},
      {NULL, 0, 0, 0, NULL}},
     NULL,
     false,
     false},
    {"an empty block stays reported while another statement is edited (the model's count)",
     "def first():\n    return 1\n\n\ndef second():\n    return 2\n",
     {{"    return 1", 0, 0, 4, ""},
      {"return 2", 0, 8, 0, "0"},
      {"return 1", 0, 0, 0, "    "},
      {NULL, 0, 0, 0, NULL}},
     NULL,
     false,
     false},
    {"a first statement commented out moves the module docstring finding to the next",
     "foo()\n\n\ndef bar():\n    \"\"\"Bar.\"\"\"\n    return 1\n",
     {{"foo()", 0, 0, 0, "# "}, {"# foo()", 0, 0, 2, ""}, {NULL, 0, 0, 0, NULL}},
     NULL,
     false,
     false},
    {"a package's __init__ that gains code of its own needs a docstring (statement kinds)",
     "import os\n\nos.getcwd()\n",
     {{"os.getcwd()", 0, 0, 11, "if os:\n    pass"},
      {"if os:", 0, 0, 15, "os.getcwd()"},
      {NULL, 0, 0, 0, NULL}},
     "pkg/__init__.py",
     false,
     false},
    {"a block's unit changed elsewhere changes the count in an off-unit block's message",
     "def f(a):\n    if a:\n        return 1\n    return 2\n\n\ndef g(b):\n  if b:\n"
     "    return 3\n  return 4\n\n\ndef h(c):\n    if c:\n        return 5\n    return 6\n",
     {{"        return 5", 0, 0, 2, ""}, {"      return 5", 0, 0, 0, "  "}, {NULL, 0, 0, 0, NULL}},
     NULL,
     false,
     false},
    {"a continuation line indented with a tab changes the counts in another's message",
     "def f():\n\tx = 1\n\treturn x\n\n\ndef g():\n    y = 2\n    return y\n\n\n"
     "def h():\n    return (3 +\n            4)\n",
     {{"            4)", 0, 0, 12, "\t"}, {"\t4)", 0, 0, 1, "            "}, {NULL, 0, 0, 0, NULL}},
     NULL,
     false,
     false},
    /* The window (incremental.c: window_units): without a syntax error, an edit reads the
     * units around it from the tree and keeps the others' places. */
    {"typing in a method of a split class reads the class's head from the tree again",
     "import os\n\n\nclass Store:\n    \"\"\"Keeps.\"\"\"\n\n    def a(self):\n        return 1\n\n"
     "    def b(self):\n        return 2\n\n    def c(self):\n        return 3\n\n\n"
     "def tail():\n    return os.sep\n",
     {{"return 2", 0, 8, 0, "2"},
      {"def b", 0, 5, 0, "b"},
      {"def bb", 0, 5, 1, ""},
      {NULL, 0, 0, 0, NULL}},
     NULL,
     true,
     false},
    {"a line indented into the function above joins it, and leaves it again",
     "def f():\n    return 1\n\n\nx_value = 2\n\n\ndef g():\n    return 3\n",
     {{"x_value", 0, 0, 0, "    "}, {"    x_value", 0, 0, 4, ""}, {NULL, 0, 0, 0, NULL}},
     NULL,
     true,
     false},
    {"a second method splits a class, and its removal joins it again",
     "class One:\n    def a(self):\n        return 1\n\n\ndef tail():\n    return 2\n",
     {{"        return 1\n", 0, 17, 0, "    def b(self):\n        return 2\n"},
      {"    def b(self)", 0, 0, 33, ""},
      {NULL, 0, 0, 0, NULL}},
     NULL,
     true,
     false},
    {"an edit in a decorated class's body, and in the file's first and last statements",
     "from dataclasses import dataclass\n\n\n@dataclass\nclass P:\n    x: int = 1\n"
     "    y: int = 2\n    z: int = 3\n\n\nlast = P()\n",
     {{"y: int = 2", 0, 10, 0, "2"},
      {"from dataclasses", 0, 0, 0, "# head\n"},
      {"last = P()", 0, 10, 0, "  # tail"},
      {NULL, 0, 0, 0, NULL}},
     NULL,
     true,
     false},
    // Built in place: the edited statements keep their record counts, so the model is built
    // in the old one's vectors, the edited units walked after the old records and moved back.
    {"attributes renamed in a method of a split class (its head walked again too) keep the "
     "first binding of each attribute in the class, and a subclass's test recognition",
     "import unittest\n\n\nclass Base(unittest.TestCase):\n    def setUp(self):\n"
     "        self.value = 1\n\n    def test_a(self):\n        self.value = 2\n"
     "        return self.value\n\n    def test_b(self):\n        self.other = 3\n\n\n"
     "class Later(Base):\n    def test_c(self):\n        self.value = 4\n",
     {{"self.other", 0, 9, 1, "Q"},
      {"self.value = 1", 0, 9, 1, "F"},
      {"self.valuF = 1", 0, 9, 1, "e"},
      {NULL, 0, 0, 0, NULL}},
     NULL,
     true,
     true},
    {"a class in a method derived from a test class defined after it is no test class",
     "import unittest\n\n\nclass Outer:\n    def a(self):\n        return 1\n\n"
     "    def b(self):\n        class Inner(LaterTest):\n            def test_x(self):\n"
     "                return 1\n\n        return Inner\n\n\n"
     "class LaterTest(unittest.TestCase):\n    def test_y(self):\n        return 2\n",
     {{"                return 1", 0, 23, 1, "2"},
      {"                return 2", 0, 23, 1, "3"},
      {NULL, 0, 0, 0, NULL}},
     NULL,
     true,
     true},
    {"an import renamed in a function (its strings replaced in place), then a comment in the "
     "last method of a class before module code",
     "import os\n\n\ndef f():\n    import json\n    return json.dumps(os.sep)\n\n\n"
     "class K:\n    def a(self):\n        return 1\n\n    def b(self):\n"
     "        return 2  # two\n\n\nTAIL = 1\n",
     {{"import json", 0, 7, 4, "jsom"},
      {"return json", 0, 7, 4, "jsom"},
      {"# two", 0, 2, 3, "six"},
      {NULL, 0, 0, 0, NULL}},
     NULL,
     true,
     true},
    {"a split class renamed: its head walked in place, its body units found where they were",
     "class Alpha:\n    \"\"\"Doc.\"\"\"\n\n    def a(self):\n        return 1\n\n"
     "    def b(self):\n        return 2\n\n\nclass Beta(Alpha):\n    def c(self):\n"
     "        return 3\n",
     {{"class Alpha", 0, 6, 5, "Gamma"},
      {"class Beta(Alpha)", 0, 11, 5, "Gamma"},
      {NULL, 0, 0, 0, NULL}},
     NULL,
     true,
     true},
    {"a test base class turned into an assignment shifts the records after it, and its "
     "subclass, copied, is no test class any more",
     "import unittest\n\n\nclass Base(unittest.TestCase):\n    \"\"\"Base.\"\"\"\n\n\n"
     "MARK = 1\n\n\nclass Derived(Base):\n    def test_a(self):\n        assert True\n\n"
     "    def test_b(self):\n        assert True\n",
     {{"class Base(unittest.TestCase):\n    \"\"\"Base.\"\"\"", 0, 0, 46,
       "Base = unittest.TestCase"},
      {"Base = unittest.TestCase", 0, 0, 24,
       "class Base(unittest.TestCase):\n    \"\"\"Base.\"\"\""},
      {NULL, 0, 0, 0, NULL}},
     NULL,
     true,
     true},
    {"a class's last method dedented out of it and back",
     "class K:\n    def a(self):\n        return 1\n\n    def b(self):\n        return 2\n\n\n"
     "z_value = 1\n",
     {{"    def b", 0, 0, 4, ""}, {"def b", 0, 0, 0, "    "}, {NULL, 0, 0, 0, NULL}},
     NULL,
     false,
     false},
};

static size_t find_nth(const struct rv_text *t, const char *needle, int nth) {
    size_t n = strlen(needle);
    for (size_t i = 0; i + n <= t->len; i++) {
        if (memcmp(t->bytes + i, needle, n) == 0 && nth-- == 0) {
            return i;
        }
    }
    return SIZE_MAX;
}

/* Scenarios whose every step must also widen nothing: no family runs over the whole file. */
#define LOCALS                                                                                     \
    "def first(items):\n    total_count = sum(items)\n    return total_count\n\n\n"                \
    "def second(items):\n    running_sum = sum(items)\n    return running_sum\n\n\n"               \
    "def third(items):\n    item_count = len(items)\n    return item_count\n\n\n"                  \
    "def fourth(items):\n    lastValue = max(items)\n    return lastValue\n\n\n"                   \
    "def fifth(items):\n    max_value = max(items)\n    return max_value\n"
#define ATTRIBUTES                                                                                 \
    "\"\"\"Points.\"\"\"\n\n\nclass Point:\n    def __init__(self, start_value=0):\n        "      \
    "self.x = 0\n"                                                                                 \
    "        self.first_value = 0\n        self.second_value = 0\n        self.third_value = 0\n"  \
    "        self.total_value = start_value\n\n"                                                   \
    "    def move(self, step_size):\n        self.y = step_size\n        self.total_value = 2\n\n" \
    "    def reset(self, len=len):\n        self.resetCount = len([])\n\n\n"                       \
    "def mixedCase(first_item, secondItem, third_item):\n    return first_item\n"
// Scenarios through a syntax error whose models are compared only in trees without one, as the
// oracle does: in a tree with an error, a statement taken from the last tree may read an
// ambiguity otherwise than the recovering parser did (the findings are compared all the same).
static const struct scenario recovery_scenarios[] = {
    {"a syntax error far above makes the parser read `x = a, b, c` at the end with a "
     "pattern_list (walked again there after a space typed after it); once the error is gone, "
     "that statement is not taken from the tree that had it (the typing oracle over enum.py)",
     "def f(count):\n    if not count:\n        return 1\n    return 2\n\n\n"
     "def g():\n    return 3\n\n\nx = a, b, c\n",
     {{"        return 1", 0, 0, 0, "a"},
      {"x = a, b, c", 0, 11, 0, " "},
      {"a        return 1", 0, 0, 1, ""},
      {NULL, 0, 0, 0, NULL}},
     NULL,
     false,
     false},
};

static const struct scenario narrow_scenarios[] = {
    {"typing inside a local's name keeps its style: nothing widens (naming counts styles)",
     LOCALS,
     {{"max_value = ", 0, 9, 0, "s"}, {"max_values", 0, 9, 1, ""}, {NULL, 0, 0, 0, NULL}},
     NULL,
     true,
     true},
    {"typing inside a parameter's name or its default keeps what others read: nothing widens",
     ATTRIBUTES,
     {{"third_item)", 0, 10, 0, "s"},
      {"third_items)", 0, 10, 1, ""},
      {"start_value=0", 0, 13, 0, "0"},
      {"start_value=00", 0, 13, 1, ""}},
     NULL,
     true,
     true},
    {"typing inside a function's name that no other definition has: nothing widens",
     ATTRIBUTES,
     {{"def move", 0, 6, 0, "x"}, {"def moxve", 0, 6, 1, ""}, {NULL, 0, 0, 0, NULL}},
     NULL,
     true,
     true},
    {"typing inside an instance attribute no other method binds: nothing widens",
     ATTRIBUTES,
     {{"self.resetCount", 0, 15, 0, "s"},
      {"self.resetCounts", 0, 15, 1, ""},
      {NULL, 0, 0, 0, NULL}},
     NULL,
     true,
     true},
    {"a block of the file's one unit typed and deleted: indentation has nothing to count again",
     LOCALS "\n\n\ndef sixth(items):\n    print(items)  # once\n    print(items)\n",
     {{"print(items)  # once", 0, 0, 20, "if items:"},
      {"    print(items)", 0, 0, 0, "    "},
      {"        print(items)", 0, 0, 4, ""},
      {NULL, 0, 0, 0, NULL}},
     NULL,
     true,
     true},
};

/* Blocks of another unit than the file's, typed: a 2-space body in a file of 4-space bodies,
 * and in a file with no block at all a 2-space body, then a 4-space one (the first sets the
 * file's unit, which the second breaks), each keeping the line count (which would make the
 * indentation family count every block again anyway). */
static const struct scenario other_units[] = {
    {"a 2-space block typed into a file of 4-space blocks, and deleted",
     LOCALS,
     {{"    return running_sum", 0, 0, 0, "    if items:\n      print(items)\n"},
      {"    if items:\n", 0, 0, 33, ""},
      {NULL, 0, 0, 0, NULL}},
     NULL,
     true,
     true},
    {"a 2-space body typed into a file without blocks, then a 4-space one (lines kept)",
     "def first(): return 1\n\n\ndef second(): return 2\n\n\nvalue = 3\n",
     {{" return 1\n\n", 0, 0, 11, "\n  return 1\n"},
      {" return 2\n\n", 0, 0, 11, "\n    return 2\n"},
      {NULL, 0, 0, 0, NULL}},
     NULL,
     true,
     true},
};

/* Methods that share a name: a base's documented method (docstrings), two classes' methods
 * (variable naming: an interface's signature imposes `x`), and a camelCase function (naming's
 * counts of function names). */
#define DEFINITIONS                                                                                \
    "\"\"\"Shapes.\"\"\"\n\n\nclass Base:\n    def area(self, x):\n        \"\"\"Area.\"\"\"\n"    \
    "        return 0\n\n\nclass Square(Base):\n    def area(self, x):\n        return 1\n\n"      \
    "    def perimeter(self, x):\n        return 4\n\n\nclass Circle:\n"                           \
    "    def grow(self, x):\n        return 2\n\n\nclass Oval:\n    def grow(self, x):\n"          \
    "        return 3\n\n\ndef mixedCase():\n    return 5\n\n\ndef first_shape():\n    return "    \
    "6\n\n\n"                                                                                      \
    "def second_shape():\n    return 7\n\n\ndef third_shape():\n    return 8\n"

/* What others read of parameters and attributes, changed: a parameter into another style
 * (naming's counts), `len=len` (a fast local, which naming leaves out) renamed, an attribute
 * that another method binds too (which of the two is the first in the class) and `y`, which
 * makes `x` a coordinate in the class's other method (variable naming). */
static const struct scenario reread_names[] = {
    {"a parameter renamed into another style, and a fast local renamed",
     ATTRIBUTES,
     {{"step_size)", 0, 4, 2, "S"},
      {"stepSize)", 0, 4, 1, "_s"},
      {"len=len", 0, 0, 3, "size"},
      {"size=len", 0, 0, 4, "len"}},
     NULL,
     true,
     true},
    {"typing at the end of a parameter that another statement's finding quotes as evidence",
     ATTRIBUTES,
     {{"step_size)", 0, 9, 0, "s"}, {"step_sizes)", 0, 9, 1, ""}, {NULL, 0, 0, 0, NULL}},
     NULL,
     true,
     true},
    {"a parameter renamed like a local of its function: the local's first binding, which "
     "naming counts, is the parameter's now",
     LOCALS "\n\n\ndef sixth(first_count):\n    total_sum = first_count\n    return total_sum\n",
     {{"sixth(first_count)", 0, 6, 11, "total_sum"},
      {"sixth(total_sum)", 0, 6, 9, "first_count"},
      {NULL, 0, 0, 0, NULL}},
     NULL,
     true,
     true},
    {"typing at the end of a local that another statement's finding quotes as evidence",
     LOCALS,
     {{"running_sum = ", 0, 11, 0, "s"}, {"running_sums = ", 0, 11, 1, ""}, {NULL, 0, 0, 0, NULL}},
     NULL,
     true,
     true},
    {"a base's documented method renamed away from its override and back",
     DEFINITIONS,
     {{"def area", 0, 8, 0, "s"}, {"def areas", 0, 8, 1, ""}, {NULL, 0, 0, 0, NULL}},
     NULL,
     true,
     true},
    {"a method another class shares renamed away and back, and a method renamed into camelCase",
     DEFINITIONS,
     {{"def grow", 1, 8, 0, "s"},
      {"def grows", 0, 8, 1, ""},
      {"def perimeter", 0, 13, 0, "Length"},
      {"def perimeterLength", 0, 13, 6, ""}},
     NULL,
     true,
     true},
    {"an attribute another method binds renamed, and `y` renamed",
     ATTRIBUTES,
     {{"self.total_value = start", 0, 16, 0, "s"},
      {"self.total_values = start", 0, 16, 1, ""},
      {"self.y", 0, 5, 1, "q"},
      {"self.q", 0, 5, 1, "y"}},
     NULL,
     true,
     true},
};

/* Changes that variable and function naming narrow to the statements that read them
 * (incremental.c, find_dependents): the other families that read names or flags still run
 * over the whole file (naming, type hints, docstrings, tests and organization: five), these
 * two examine again only the statements named like the run's functions, and the bodies of
 * classes whose head changed. Renaming Circle's `grow` leaves Oval's the only one: its `x` is
 * no longer imposed by a shared signature, and RV301 appears in a statement the edit did not
 * touch. A class's bases removed: its methods' parameters are no longer an interface's. */
static const struct scenario narrowed_names[] = {
    {"a method another class shares renamed away and back: the other method is examined again",
     DEFINITIONS,
     {{"def grow", 0, 8, 0, "s"}, {"def grows", 0, 8, 1, ""}, {NULL, 0, 0, 0, NULL}},
     NULL,
     true,
     true},
    {"a class's base removed and put back: its body's statements are examined again",
     DEFINITIONS,
     {{"class Square(Base)", 0, 12, 6, ""},
      {"class Square:", 0, 12, 0, "(Base)"},
      {NULL, 0, 0, 0, NULL}},
     NULL,
     false,
     false},
};

/* Styles alone changed (locals and parameters renamed into another style, a local added): the
 * naming family judges those kinds again from each statement's tally (rv__naming_rejudge)
 * instead of running over the whole file, and re-reports only the findings that quote counts
 * that changed (RV103 on `lastValue`). */
static const struct scenario rejudged_styles[] = {
    {"a local renamed into camelCase and back: the locals' counts RV103 quotes change",
     LOCALS,
     {{"max_value = ", 0, 3, 2, ""},
      {"maxalue = ", 0, 3, 0, "V"},
      {"maxValue = ", 0, 3, 1, "_v"},
      {NULL, 0, 0, 0, NULL}},
     NULL,
     true,
     true},
    {"a parameter renamed into PascalCase and back",
     LOCALS,
     {{"def third(items)", 0, 10, 1, "I"},
      {"def third(Items)", 0, 10, 1, "i"},
      {NULL, 0, 0, 0, NULL}},
     NULL,
     true,
     true},
    {"a local added before the functions whose names are evidence, and removed: the evidence "
     "moves with the bindings",
     "\"\"\"Sums.\"\"\"\n\n\ndef zeroTh(items):\n    total_sum = sum(items)\n    return "
     "total_sum\n\n\n"
     "def first_one(items):\n    return items\n\n\ndef second_one(items):\n    return items\n\n\n"
     "def third_one(items):\n    return items\n",
     {{"total_sum = sum", 0, 12, 0, "other_sum = "},
      {"other_sum = sum", 0, 0, 12, ""},
      {NULL, 0, 0, 0, NULL}},
     NULL,
     true,
     true},
    {"a local added in the last function, and removed",
     LOCALS,
     {{"max_value = max", 0, 12, 0, "other_value = "},
      {"other_value = max", 0, 0, 14, ""},
      {NULL, 0, 0, 0, NULL}},
     NULL,
     true,
     true},
};

/* Changes of classes' names or of which definitions share a name: naming judges function and
 * class names again from every name of the file and examines again the statements whose
 * findings are, or are to be, there; variable naming narrows them too; docstrings alone still
 * reads them over the whole file. Renaming Base's `fooBar` makes Child's no longer an override:
 * it counts, and its RV101 appears in a statement the edit did not touch. */
#define OVERRIDES                                                                                  \
    "\"\"\"Shapes.\"\"\"\n\n\nclass Base:\n    def fooBar(self):\n        return 1\n\n"            \
    "    def other(self):\n        return 2\n\n\nclass Child(Base):\n    def fooBar(self):\n"      \
    "        return 3\n\n    def more(self):\n        return 4\n\n\ndef first_one():\n"            \
    "    return 1\n\n\ndef second_one():\n    return 2\n\n\ndef third_one():\n    return 3\n"
static const struct scenario names_rejudged[] = {
    {"a base's camelCase method renamed away from its override and back",
     OVERRIDES,
     {{"def fooBar", 0, 10, 0, "z"}, {"def fooBarz", 0, 10, 1, ""}, {NULL, 0, 0, 0, NULL}},
     NULL,
     true,
     true},
    {"a method another class shares renamed away and back",
     DEFINITIONS,
     {{"def grow", 0, 8, 0, "s"}, {"def grows", 0, 8, 1, ""}, {NULL, 0, 0, 0, NULL}},
     NULL,
     true,
     true},
    {"a class renamed and back",
     DEFINITIONS,
     {{"class Oval", 0, 10, 0, "s"}, {"class Ovals", 0, 10, 1, ""}, {NULL, 0, 0, 0, NULL}},
     NULL,
     true,
     true},
};

/* Suppression comments before, inside and after an edit: kept from the last analysis, read
 * again, or moved (rows too) with a line typed above them; RV403 reports the unused ones. */
static const struct scenario suppressions = {
    "suppression comments kept, read again and moved by the lines typed above them",
    "\"\"\"Runs.\"\"\"\nimport os\n\n\ndef first(items):  # noqa: RV253\n"
    "    x = eval(items)  # nosec\n    return x  # reviewls: ignore[RV301]\n\n\n"
    "def second(items):\n    return os.system(items)  # noqa: RV301, RV601\n\n\n"
    "def third(items):\n    y = items  # reviewls: ignore[RV301]\n    return y\n",
    {{"import os\n", 0, 10, 0, "LIMIT = 1\n"},
     {"# nosec", 0, 7, 0, " B307"},
     {"RV301, RV601", 0, 0, 5, "RV999"},
     {"LIMIT = 1\n", 0, 0, 10, ""}},
    NULL,
    false,
    false};

/* A syntax error typed into a class's fifth method and removed: the class's head, which holds
 * its name and first statement, is walked again (its class node spans the edit) but holds the
 * same text, without the error, so the statements between it and the edited one are not
 * examined again: the run is the edited method (and the one after, read after an error). */
static const struct scenario error_in_method = {
    "a syntax error typed into a later method of a class, then removed",
    "\"\"\"Shapes.\"\"\"\n\n\nclass Shape:\n    \"\"\"A shape.\"\"\"\n\n"
    "    def first(self):\n        return 1\n\n    def second(self):\n        return 2\n\n"
    "    def third(self):\n        return 3\n\n    def fourth(self):\n        return 4\n\n"
    "    def fifth(self):\n        return 5\n\n    def sixth(self):\n        return 6\n",
    {{"return 5", 0, 8, 0, ")"}, {"return 5)", 0, 8, 1, ""}, {NULL, 0, 0, 0, NULL}},
    NULL,
    false,
    false};

/* Twenty-three module variables, over the default limit of twenty (RV553 quotes the 21st), with
 * `x` and `y` among them (coordinates, which variable naming pairs). */
#define VARIABLES                                                                                  \
    "\"\"\"Settings.\"\"\"\n\nalpha_value = 1\nbeta_value = 2\ngamma_value = 3\ndelta_value = 4\n" \
    "epsilon_value = 5\nzeta_value = 6\neta_value = 7\ntheta_value = 8\niota_value = 9\n"          \
    "kappa_value = 10\nlambda_value = 11\nmu_value = 12\nnu_value = 13\nxi_value = 14\n"           \
    "omicron_value = 15\npi_value = 16\nrho_value = 17\nsigma_value = 18\ntau_value = 19\n"        \
    "x = 20\ny = 21\nupsilon_value = 22\nphi_value = 23\n"

/* What other families read of a module variable's name: whether it is a dunder (organization
 * counts the others), and a short name's text (variable naming pairs `x` with `y`). */
static const struct scenario variable_names = {
    "a module variable renamed into a dunder and `y` renamed: the count and the pair change",
    VARIABLES,
    {{"alpha_value", 0, 0, 0, "__"},
     {"__alpha_value", 0, 13, 0, "__"},
     {"y = 21", 0, 0, 1, "q"},
     {"q = 21", 0, 0, 1, "y"}},
    NULL,
    true,
    true};

/* Steps that one family alone must see. A local or a parameter renamed into another style:
 * every naming finding's counts change (RV103 on `lastValue` quotes how many locals are
 * snake_case), and the naming family alone reads those styles beyond their own statement. The
 * module docstring edited: the docstrings family alone reads it from other statements. */
static const struct scenario one_family[] = {
    {"typing inside the module docstring",
     VARIABLES,
     {{"Settings.", 0, 8, 0, "s"}, {"Settingss.", 0, 8, 1, ""}, {NULL, 0, 0, 0, NULL}},
     NULL,
     true,
     true},
    {"a local renamed into another style changes the counts naming quotes elsewhere",
     LOCALS,
     {{"max_value = ", 0, 3, 2, ""}, {"maxalue = ", 0, 3, 0, "V"}, {NULL, 0, 0, 0, NULL}},
     NULL,
     true,
     true},
    {"a module variable renamed in its style (nothing to widen), then out of it",
     VARIABLES,
     {{"beta_value", 0, 10, 0, "s"},
      {"beta_values", 0, 4, 2, "V"},
      {"betaValues", 0, 4, 2, "_v"},
      {NULL, 0, 0, 0, NULL}},
     NULL,
     true,
     true},
    {"a parameter renamed into another style and back",
     LOCALS,
     {{"def third(items)", 0, 10, 1, "I"},
      {"def third(Items)", 0, 10, 1, "i"},
      {"def third(items)", 0, 10, 5, "_list"},
      {NULL, 0, 0, 0, NULL}},
     NULL,
     true,
     true},
};

/* A class whose first statement is a method of every kind of statement the walk derives
 * something from: an attribute of `self`, a loop and a comprehension variable, a nested
 * function and a nested class of two methods (its method count), a `raise`, a `return` and a
 * `yield` (returns_value and raises), and a name bound twice (first_in_scope). */
#define SHAPES                                                                                     \
    "\"\"\"Shapes.\"\"\"\n\n\nclass Shape:\n    def area(self, width, height):\n"                  \
    "        total = width * height\n        self.last = total\n"                                  \
    "        if width > 10:\n            raise ValueError(total)\n"                                \
    "        for item in range(3):\n            total += item\n"                                   \
    "        values = [value * 2 for value in range(4)]\n\n        def helper(x):\n"               \
    "            return x + 1\n\n        method = helper(total)\n        class Inner:\n          " \
    "  def method(self):\n"                                                                        \
    "                return 2\n\n            def other(self):\n                return 3\n\n"       \
    "        count = len(values)\n        return total + count\n\n"                                \
    "    def scale(self, factor):\n        size = factor * 2\n"                                    \
    "        for step in range(size):\n            yield step\n"                                   \
    "        count = size + 1\n        count = count * 2\n"

/* Statements of a walked unit that the incremental parse took over unchanged are copied from
 * the last model (model.c, sub_copy), and what the walk derives from the statements around
 * them is taken again; an edit in a definition's own lines (a parameter, `self`, a decorator)
 * copies none of the statements under it, which read those lines. Every step's model is
 * compared with a fresh build's. */
static const struct {
    struct scenario sc;
    unsigned copied; /* every step copies at least this many statements of the walked units */
} copied_statements[] = {
    {{"a name typed in a method's last statement: the statements before it are copied",
      SHAPES,
      {{"total + count", 0, 13, 0, "s"}, {"total + counts", 0, 13, 1, ""}, {NULL, 0, 0, 0, NULL}},
      NULL,
      true,
      true},
     6},
    {{"a number typed in a nested class's second method: the first is copied",
      SHAPES,
      {{"return 3", 0, 7, 1, "7"}, {"return 7", 0, 7, 1, "3"}, {NULL, 0, 0, 0, NULL}},
      NULL,
      true,
      true},
     5},
    {{"a number typed in a generator's last statement: its loop that yields is copied",
      SHAPES,
      {{"count * 2", 0, 8, 1, "3"}, {"count * 3", 0, 8, 1, "2"}, {NULL, 0, 0, 0, NULL}},
      NULL,
      true,
      true},
     2},
    {{"a name bound first renamed, so that a later statement's binding comes first",
      SHAPES,
      {{"size = factor", 0, 0, 4, "count"},
       {"count = factor", 0, 0, 5, "size"},
       {NULL, 0, 0, 0, NULL}},
      NULL,
      true,
      true},
     1},
    {{"a number typed after a nested function without a body (a block without statements)",
      "class Shape:\n    def area(self):\n        def helper():\n        total = 1\n"
      "        count = 2\n        return total + count\n",
      {{"count = 2", 0, 8, 1, "3"}, {"count = 3", 0, 8, 1, "2"}, {NULL, 0, 0, 0, NULL}},
      NULL,
      true,
      true},
     1},
    {{"a number typed in an `if` inside a loop inside a method: the statements of every block "
      "around it are copied",
      "class Shape:\n    def area(self, width):\n        total = 0\n"
      "        for item in range(width):\n            first = item * 2\n"
      "            second = first + 1\n            if second > 3:\n"
      "                third = second - 1\n                total += third\n"
      "            total += second\n        return total\n",
      {{"second - 1", 0, 10, 0, "9"}, {"second - 19", 0, 10, 1, ""}, {NULL, 0, 0, 0, NULL}},
      NULL,
      true,
      true},
     4},
    {{"a number typed in a module-level `if` that defines a function and variables: copied "
      "statements would miss the module's counts of them, so none is",
      "\"\"\"Limits.\"\"\"\n\nLIMIT = 1\nif LIMIT:\n    first = 1\n    second = 2\n\n"
      "    def helper():\n        return 1\n\n    third = 3\n\n\ndef other():\n    return 2\n",
      {{"second = 2", 0, 10, 0, "9"}, {"second = 29", 0, 10, 1, ""}, {NULL, 0, 0, 0, NULL}},
      NULL,
      true,
      true},
     0},
    {{"`self` renamed in the signature: the statements that set its attributes read it",
      SHAPES,
      {{"def area(self", 0, 9, 4, "this"},
       {"def area(this", 0, 9, 4, "self"},
       {NULL, 0, 0, 0, NULL}},
      NULL,
      true,
      true},
     0},
    {{"a method made static by a decorator, and back",
      SHAPES,
      {{"    def area", 0, 4, 0, "@staticmethod\n    "},
       {"@staticmethod\n", 0, 0, 14, ""},
       {NULL, 0, 0, 0, NULL}},
      NULL,
      false,
      false},
     0},
};

/* A build in place leaves the first-in-scope table to its runs (model.c, struct walker's
 * `lazy`): a run that binds the same names in shared scopes (the module, a class body, a class's
 * attributes) as the records it replaces takes their flags; one that does not fills the table,
 * and the copies after it take theirs again. Every step's model is compared with a fresh
 * build's: an attribute or a module variable bound again is not the first of its scope. */
#define COUNTER                                                                                    \
    "\"\"\"Totals.\"\"\"\n\nLIMIT = 1\n\n\nclass Counter:\n    size = 2\n\n"                       \
    "    def __init__(self, start):\n        self.total = start\n        self.count = 0\n\n"       \
    "    def add(self, value):\n        self.total = self.total + value\n"                         \
    "        self.count = 1\n        size = 3\n        return self.total\n\n\nLIMIT = 3\n"

static const struct scenario shared_names[] = {
    {"a number typed where a later method sets attributes set before: their flags stand",
     COUNTER,
     {{"self.count = 1", 0, 14, 0, "2"}, {"self.count = 12", 0, 14, 1, ""}, {NULL, 0, 0, 0, NULL}},
     NULL,
     true,
     true},
    {"an attribute renamed where it is first set: a later method's binding of it comes first",
     COUNTER,
     {{"self.total = start", 0, 10, 0, "s"},
      {"self.totals = start", 0, 10, 1, ""},
      {NULL, 0, 0, 0, NULL}},
     NULL,
     true,
     true},
    {"a module variable bound again typed into, then its first binding renamed and back",
     COUNTER,
     {{"LIMIT = 3", 0, 9, 0, "4"},
      {"LIMIT = 1", 0, 5, 0, "S"},
      {"LIMITS = 1", 0, 5, 1, ""},
      {NULL, 0, 0, 0, NULL}},
     NULL,
     true,
     true},
    {"a class added before the class: classes renumbered, then a method typed into",
     COUNTER,
     {{"class Counter", 0, 0, 0, "class Empty:\n    pass\n\n\n"},
      {"self.count = 1", 0, 14, 0, "2"},
      {"class Empty:\n    pass\n\n\n", 0, 0, 24, ""},
      {NULL, 0, 0, 0, NULL}},
     NULL,
     false,
     false},
};

/* How many families a step may run over the whole file (run's `widen_limit`). */
enum { ANY_WIDENING = -1, NO_WIDENING = 0 };

static void run(const struct scenario *sc, const struct rv_config *cfg, TSParser *parser,
                int widen_limit, bool model_in_clean_trees, uint64_t run_limit,
                unsigned copied_limit) {
    struct rv_doc_store store;
    rv_doc_store_init(&store);
    struct rv_doc *doc = rv_doc_store_open(&store, "file:///m.py", 1, sc->text, strlen(sc->text));
    rv_doc_parse(doc, parser);
    const char *path = sc->path ? sc->path : "m.py";
    // The first analysis makes no state; an edit that changes nothing makes the first one.
    for (int warm = 0; warm < 2; warm++) {
        struct rv_analysis_input in = {&doc->text, doc->tree, cfg, path, 0, 0, NULL, false, NULL};
        struct rv_findings out = {0};
        rv_doc_analyze(doc, &in, &out);
        rv_findings_finish(&out);
        if (warm == 0) {
            rv_doc_edit(doc, 0, 0, "", 0);
            rv_doc_parse(doc, parser);
        }
    }
    for (const struct step *st = sc->steps; st->at != NULL; st++) {
        size_t at = find_nth(&doc->text, st->at, st->nth);
        CHECK(at != SIZE_MAX);
        if (at == SIZE_MAX) {
            break;
        }
        at += st->skip;
        CHECK_EQ_INT(rv_doc_edit(doc, at, at + st->del, st->ins, strlen(st->ins)), 0);
        rv_doc_parse(doc, parser);
        struct rv_analysis_input in = {&doc->text, doc->tree, cfg, path, 0, 0, NULL, false, NULL};
        struct rv_findings mine = {0};
        struct rv_findings whole = {0};
        struct rv_analysis_stats before = rv_analysis_state_stats(doc->analysis);
        rv_doc_analyze(doc, &in, &mine);
        rv_analyze(&in, &whole);
        char *a = findings_text(&mine);
        char *b = findings_text(&whole);
        if (strcmp(a, b) != 0) {
            fprintf(stderr, "%s, step %d:\n--- incremental\n%s--- whole\n%s", sc->name,
                    (int)(st - sc->steps) + 1, a, b);
        }
        CHECK(strcmp(a, b) == 0);
        if (!model_in_clean_trees || !ts_node_has_error(ts_tree_root_node(doc->tree))) {
            struct rv_model fresh;
            rv_model_build(&fresh, &doc->text, ts_tree_root_node(doc->tree), rv_path_is_test(path));
            char *ma = model_text(rv_analysis_state_model(doc->analysis));
            char *mb = model_text(&fresh);
            if (strcmp(ma, mb) != 0) {
                fprintf(stderr,
                        "%s, step %d: the model differs from a fresh build's\n--- kept\n%s--- "
                        "fresh\n%s",
                        sc->name, (int)(st - sc->steps) + 1, ma, mb);
            }
            CHECK(strcmp(ma, mb) == 0);
            free(ma);
            free(mb);
            rv_model_finish(&fresh);
        }
        struct rv_analysis_stats after = rv_analysis_state_stats(doc->analysis);
        CHECK(after.incremental == before.incremental + 1);
        uint64_t widened = after.widened_families - before.widened_families;
        if (widen_limit != ANY_WIDENING && widened > (uint64_t)widen_limit) {
            fprintf(stderr, "%s, step %d: %llu families widened (parts 0x%x)\n", sc->name,
                    (int)(st - sc->steps) + 1, (unsigned long long)widened,
                    (unsigned)after.last_changed);
            CHECK(widened <= (uint64_t)widen_limit);
        }
        uint64_t run_units = after.run_units - before.run_units;
        if (run_limit > 0 && run_units > run_limit) {
            fprintf(stderr, "%s, step %d: %llu units examined again\n", sc->name,
                    (int)(st - sc->steps) + 1, (unsigned long long)run_units);
            CHECK(run_units <= run_limit);
        }
        if (sc->windowed && after.windowed != before.windowed + 1) {
            fprintf(stderr, "%s, step %d: not windowed\n", sc->name, (int)(st - sc->steps) + 1);
            CHECK(after.windowed == before.windowed + 1);
        }
        uint64_t copied = after.statements_copied - before.statements_copied;
        if (copied < copied_limit) {
            fprintf(stderr, "%s, step %d: %llu statements copied, %u wanted\n", sc->name,
                    (int)(st - sc->steps) + 1, (unsigned long long)copied, copied_limit);
            CHECK(copied >= copied_limit);
        }
        if (sc->in_place && after.in_place != before.in_place + 1) {
            fprintf(stderr, "%s, step %d: not built in place\n", sc->name,
                    (int)(st - sc->steps) + 1);
            CHECK(after.in_place == before.in_place + 1);
        }
        free(a);
        free(b);
        rv_findings_finish(&mine);
        rv_findings_finish(&whole);
    }
    rv_doc_store_finish(&store);
}

// A character typed after the last newline of a module over the line limit: the line count
// stays (the empty last line becomes a line with text), but the module's count of lines, which
// RV551 quotes, grows by one (the typing oracle over os.py).
static void run_long_module(const struct rv_config *cfg, TSParser *parser) {
    struct rv_strbuf sb = {0};
    for (int i = 0; i < 1100; i++) {
        rv_strbuf_printf(&sb, "value_%d = %d\n", i, i);
    }
    struct scenario sc = {"a character typed after the last newline of a long module",
                          sb.data,
                          {{"value_1099 = 1099\n", 0, 18, 0, "y"},
                           {"value_1099 = 1099\ny", 0, 18, 1, ""},
                           {NULL, 0, 0, 0, NULL}},
                          NULL,
                          true,
                          false};
    run(&sc, cfg, parser, ANY_WIDENING, false, 0, 0);
    free(rv_strbuf_take(&sb));
}

// The syntax family's bracket scan in a tree with an error resumes around the edit. A module
// of sixty functions, the fifty-sixth with a stray `)`: a call left open in the twenty-first
// (which that closer closes), typed into, its bracket made a `[` (which that closer does not
// close), a character typed above it, a stray closer typed near the top and edits far below
// that. Each analysis must equal a whole one (builds with assertions also check every resumed
// scan against a whole scan); a scan that neither opens nor closes a bracket for the rest of
// the text must read less than a quarter of it, and none after the stray closer near the top.
static void run_bracket_scan(const struct rv_config *cfg, TSParser *parser) {
    struct rv_strbuf sb = {0};
    for (int i = 0; i < 60; i++) {
        rv_strbuf_printf(&sb,
                         "def step_%d(items):\n    \"\"\"Step (%d).\"\"\"\n"
                         "    total = len(items)%s + sum([1, 2])  # (x\n"
                         "    return {'k': total}\n\n\n",
                         i, i, i == 55 ? ")" : "");
    }
    struct rv_doc_store store;
    rv_doc_store_init(&store);
    struct rv_doc *doc = rv_doc_store_open(&store, "file:///b.py", 1, sb.data, sb.len);
    rv_doc_parse(doc, parser);
    static const struct step steps[] = {
        {"total = len(items)", 20, 8, 0, "max("}, // opened: the rest of the text reads anew
        {"max(", 0, 4, 0, "a"},
        {"max(a", 0, 5, 0, ", b"},
        {"max(a, b", 0, 3, 1, "["}, // another bracket: so does this
        {"total = len(items)", 10, 8, 0, "z"},
        {"def step_2(", 0, 0, 0, ")"},
        {"total = len(items)", 40, 8, 0, "w"},
        {"total = len(items)", 50, 8, 0, "v"},
    };
    uint64_t bytes[RV_ARRAY_LEN_TEST(steps)] = {0};
    // The first analysis makes no state; an edit that changes nothing makes the first one,
    // whose scan (to the stray `)`) the memo keeps.
    for (int warm = 0; warm < 2; warm++) {
        struct rv_analysis_input in = {&doc->text, doc->tree, cfg, "b.py", 0, 0, NULL, false, NULL};
        struct rv_findings out = {0};
        rv_doc_analyze(doc, &in, &out);
        rv_findings_finish(&out);
        rv_doc_edit(doc, 0, 0, "", 0);
        rv_doc_parse(doc, parser);
    }
    for (size_t k = 0; k < RV_ARRAY_LEN_TEST(steps); k++) {
        const struct step *st = &steps[k];
        size_t at = find_nth(&doc->text, st->at, st->nth);
        CHECK(at != SIZE_MAX);
        if (at == SIZE_MAX) {
            break;
        }
        at += st->skip;
        CHECK_EQ_INT(rv_doc_edit(doc, at, at + st->del, st->ins, strlen(st->ins)), 0);
        rv_doc_parse(doc, parser);
        CHECK(ts_node_has_error(ts_tree_root_node(doc->tree)));
        struct rv_analysis_input in = {&doc->text, doc->tree, cfg, "b.py", 0, 0, NULL, false, NULL};
        struct rv_findings mine = {0};
        struct rv_findings whole = {0};
        uint64_t before = rv_analysis_state_stats(doc->analysis).bracket_bytes;
        rv_doc_analyze(doc, &in, &mine);
        rv_analyze(&in, &whole);
        bytes[k] = rv_analysis_state_stats(doc->analysis).bracket_bytes - before;
        char *a = findings_text(&mine);
        char *b = findings_text(&whole);
        if (strcmp(a, b) != 0) {
            fprintf(stderr, "bracket scan, step %zu:\n--- incremental\n%s--- whole\n%s", k + 1, a,
                    b);
        }
        CHECK(strcmp(a, b) == 0);
        free(a);
        free(b);
        rv_findings_finish(&mine);
        rv_findings_finish(&whole);
    }
    size_t quarter = doc->text.len / 4;
    for (size_t k = 0; k < RV_ARRAY_LEN_TEST(steps); k++) {
        if (k != 0 && k != 3 && bytes[k] >= quarter) {
            fprintf(stderr, "bracket scan, step %zu: %llu bytes read of %zu\n", k + 1,
                    (unsigned long long)bytes[k], doc->text.len);
            CHECK(bytes[k] < quarter);
        }
    }
    CHECK(bytes[0] >= quarter && bytes[3] >= quarter); // (the scans did run)
    CHECK(bytes[6] == 0 && bytes[7] == 0);             // the stray closer stands before every edit
    rv_doc_store_finish(&store);
    free(rv_strbuf_take(&sb));
}

// Types `typed` over the character after the first "(x"'s parenthesis and reparses (not when
// NULL), then analyses `doc` under `cfg` as its state allows and whole: the two must be equal.
// Returns the findings' text (the caller frees it) and sets *count to their number.
static char *retype_and_compare(struct rv_doc *doc, TSParser *parser, const char *typed,
                                const struct rv_config *cfg, const char *path, size_t *count) {
    if (typed != NULL) {
        size_t at = find_nth(&doc->text, "(x", 0) + 1;
        CHECK_EQ_INT(rv_doc_edit(doc, at, at + 1, typed, strlen(typed)), 0);
        rv_doc_parse(doc, parser);
    }
    struct rv_analysis_input in = {&doc->text, doc->tree, cfg, path, 0, 0, NULL, false, NULL};
    struct rv_findings mine = {0};
    struct rv_findings whole = {0};
    rv_doc_analyze(doc, &in, &mine);
    rv_analyze(&in, &whole);
    char *a = findings_text(&mine);
    char *b = findings_text(&whole);
    CHECK(strcmp(a, b) == 0);
    *count = mine.list.len;
    free(b);
    rv_findings_finish(&mine);
    rv_findings_finish(&whole);
    return a;
}

// With no rule selected the document keeps no analysis state (no model is built); edits typed
// meanwhile are not known to any state, so the first analysis with rules again is whole and
// equals rv_analyze's, and the next edit is incremental again.
static void run_nothing_selected(const struct rv_config *all, TSParser *parser) {
    struct rv_config none;
    rv_config_init(&none);
    memset(none.selected, 0, sizeof(none.selected));
    CHECK(!rv_analysis_selects_any(&none));
    CHECK(rv_analysis_selects_any(all));
    const char *src = "import os\n\n\ndef fetchData(x):\n    return os.sep\n";
    struct rv_doc_store store;
    rv_doc_store_init(&store);
    struct rv_doc *doc = rv_doc_store_open(&store, "file:///n.py", 1, src, strlen(src));
    rv_doc_parse(doc, parser);
    const struct rv_config *cfgs[] = {all, &none, &none, all, all};
    const char *typed[] = {NULL, "y", "z", "w", "v"};
    for (size_t k = 0; k < RV_ARRAY_LEN_TEST(cfgs); k++) {
        size_t count;
        free(retype_and_compare(doc, parser, typed[k], cfgs[k], "n.py", &count));
        if (cfgs[k] == &none) {
            CHECK(doc->analysis == NULL);
            CHECK_EQ_INT((int)count, 0);
        } else {
            CHECK(count > 0);
        }
        if (k == 4) {
            CHECK(doc->analysis != NULL && rv_analysis_state_stats(doc->analysis).incremental == 1);
        }
    }
    rv_doc_store_finish(&store);
    rv_config_finish(&none);
}

// Another selection or severity makes the next analysis whole: the statements an edit did not
// touch were judged by other families (security's eval, unselected before, must show up in a
// function the edits never reach) or at another severity.
static void run_selection_changed(const struct rv_config *all, TSParser *parser) {
    struct rv_config some;
    struct rv_config louder;
    rv_config_init(&some);
    rv_config_init(&louder);
    memcpy(some.selected, all->selected, sizeof(some.selected));
    memcpy(louder.selected, all->selected, sizeof(louder.selected));
    for (size_t i = 0; i < rv_rules_count; i++) {
        if (rv_rules[i].category == RV_CAT_SECURITY) {
            some.selected[rv_rules[i].code] = false;
        }
        louder.severity[rv_rules[i].code] = RV_SEVERITY_ERROR;
    }
    const char *src = "def run_it(text):\n    return eval(text)\n\n\ndef fetchData(x):\n"
                      "    return x\n";
    struct rv_doc_store store;
    rv_doc_store_init(&store);
    struct rv_doc *doc = rv_doc_store_open(&store, "file:///s.py", 1, src, strlen(src));
    rv_doc_parse(doc, parser);
    const struct rv_config *cfgs[] = {&some, &some, all, all, &louder};
    for (size_t k = 0; k < RV_ARRAY_LEN_TEST(cfgs); k++) {
        size_t count;
        char *text = retype_and_compare(doc, parser,
                                        k == 0  ? NULL
                                        : k % 2 ? "y"
                                                : "x",
                                        cfgs[k], "s.py", &count);
        CHECK((strstr(text, "eval") != NULL) == (cfgs[k] != &some));
        free(text);
    }
    // Only the edit under an unchanged configuration (the fourth analysis) is incremental.
    CHECK(doc->analysis != NULL && rv_analysis_state_stats(doc->analysis).incremental == 1);
    rv_doc_store_finish(&store);
    rv_config_finish(&some);
    rv_config_finish(&louder);
}

// A build in place whose copied units are not all where the old chunks and the runs say (an
// old unit dropped without a walked one in its place): the model leaves the old one's vectors
// (detaches), putting back the old records a run had moved, and still equals a fresh build.
// The incremental analysis never asks for such a build (a dropped unit's neighbour is always
// walked), so it is called here directly, with and without a run before the dropped unit.
static void run_detached(TSParser *parser) {
    static const struct {
        const char *text;
        struct {
            size_t at, del;
            const char *ins;
        } edits[3];
        long copy_from[3];
    } cases[] = {
        {"import aa\nimport bb\nimport cc\n", {{10, 10, ""}, {0, 0, NULL}}, {0, 2, -2}},
        {"import aa\nimport bb\nimport cc\nimport dd\nimport ee\n",
         {{9, 0, ", zz"}, {14, 10, ""}, {24, 10, ""}},
         {-1, 2, 4}},
        // The sharing ends at the second unit, before a walked unit binds `aa` again: the
        // first-in-scope table the build in place left empty is filled then.
        {"aa = 1\nbb = 2\ncc = 3\naa = 4\n", {{7, 7, ""}, {19, 1, "5"}, {0, 0, NULL}}, {0, 2, -1}},
    };
    for (size_t k = 0; k < RV_ARRAY_LEN_TEST(cases); k++) {
        struct rv_doc_store store;
        rv_doc_store_init(&store);
        const char *text = cases[k].text;
        struct rv_doc *doc = rv_doc_store_open(&store, "file:///d.py", 1, text, strlen(text));
        rv_doc_parse(doc, parser);
        TSTree *old_tree = ts_tree_copy(doc->tree);
        struct rv_model_units old_units = {0};
        rv_model_units(ts_tree_root_node(old_tree), &old_units);
        struct rv_model old;
        struct rv_model_chunks old_chunks = {0};
        rv_model_build_chunked(&old, &old_chunks, &doc->text, ts_tree_root_node(old_tree), false,
                               &old_units, NULL);
        doc->edits.len = 0;
        for (size_t e = 0; e < 3 && cases[k].edits[e].ins; e++) {
            CHECK_EQ_INT(rv_doc_edit(doc, cases[k].edits[e].at,
                                     cases[k].edits[e].at + cases[k].edits[e].del,
                                     cases[k].edits[e].ins, strlen(cases[k].edits[e].ins)),
                         0);
        }
        rv_doc_parse(doc, parser);
        TSNode root = ts_tree_root_node(doc->tree);
        struct rv_model_units units = {0};
        rv_model_units(root, &units);
        size_t n = units.list.len;
        CHECK(n == 2 || n == 3);
        const long *from = cases[k].copy_from;
        struct rv_model_reuse reuse = {
            &old, &old_chunks, doc->edits.items, doc->edits.len, from, from, n, NULL, NULL};
        struct rv_model m;
        struct rv_model_chunks chunks = {0};
        bool in_place =
            rv_model_build_chunked(&m, &chunks, &doc->text, root, false, &units, &reuse);
        CHECK(!in_place);
        struct rv_model fresh;
        rv_model_build(&fresh, &doc->text, root, false);
        char *a = model_text(&m);
        char *b = model_text(&fresh);
        if (strcmp(a, b) != 0) {
            fprintf(stderr, "detached build %zu:\n--- built\n%s--- fresh\n%s", k, a, b);
        }
        CHECK(strcmp(a, b) == 0);
        free(a);
        free(b);
        rv_model_finish(&fresh);
        rv_model_finish(&m);
        rv_model_finish(&old); // what it keeps it must free exactly once (ASan)
        rv_vec_finish(&chunks.list);
        rv_vec_finish(&old_chunks.list);
        rv_vec_finish(&units.list);
        rv_vec_finish(&old_units.list);
        ts_tree_delete(old_tree);
        rv_doc_store_finish(&store);
    }
}

// After the partial analysis of edit `i` took it or not (`partial`, `label` naming the run): the
// whole reparse, as in the server (it deletes the tree the last analysis was made of), the
// document's analysis when the partial one refused, and its findings against a whole analysis
// of the whole tree; `must` (or NULL) is a message they must hold. Frees `mine`.
static void check_against_whole(struct rv_doc *doc, TSParser *parser, const struct rv_config *cfg,
                                const char *path, bool partial, struct rv_findings *mine,
                                const char *label, size_t i, const char *must) {
    rv_doc_parse(doc, parser);
    struct rv_analysis_input win = {&doc->text, doc->tree, cfg, path, 0, 0, NULL, false, NULL};
    if (!partial) {
        rv_doc_analyze(doc, &win, mine);
    }
    struct rv_findings whole = {0};
    rv_analyze(&win, &whole);
    char *a = findings_text(mine);
    char *b = findings_text(&whole);
    if (strcmp(a, b) != 0) {
        fprintf(stderr, "%s edit %zu:\n--- document\n%s--- whole\n%s", label, i, a, b);
    }
    CHECK(strcmp(a, b) == 0);
    CHECK(must == NULL || strstr(b, must) != NULL);
    free(a);
    free(b);
    rv_findings_finish(mine);
    rv_findings_finish(&whole);
}

// The partial analysis (rv_doc_analyze_partial): edits in a module without a docstring, each
// analysed from its statements parsed alone before the whole reparse, the tree of the analysis
// before each deleted by that reparse (as in the server). After a whole analysis and a partial
// one, a partial edit adds a function, so that the module-docstring judgement (its counts) is
// made again, from the module's first statement, which must come from a tree still alive
// (ASan: the whole analysis's tree is gone by then), and every result must equal a whole
// analysis. The first edit (no state yet), an edit of a statement's first word and one
// that leaves an error in the statements' tree are refused.
static void run_partial(const struct rv_config *cfg, TSParser *parser) {
    static const char text[] = "import os\nlimit = 10\n\n\ndef first():\n    return os.sep\n\n\n"
                               "def second(value):\n    return value + 1\n\n\n"
                               "class Point:\n    x = 1\n";
    struct rv_doc_store store;
    rv_doc_store_init(&store);
    struct rv_doc *doc = rv_doc_store_open(&store, "file:///p.py", 1, text, strlen(text));
    TSParser *part = rv_python_parser_create();
    rv_doc_parse(doc, parser);
    struct rv_analysis_input in = {&doc->text, doc->tree, cfg, "p.py", 0, 0, NULL, false, NULL};
    struct rv_findings first = {0};
    rv_doc_analyze(doc, &in, &first); // the document keeps no state until edited
    rv_findings_finish(&first);
    static const struct {
        const char *after; /* the edit goes right after this text's first occurrence... */
        size_t del;
        const char *ins;
        bool partial; /* ...and the partial analysis must take it, or refuse it */
    } edits[] = {
        {"return value", 0, "s", false}, // the first edit: the state is made, whole
        {"return value", 1, "", true},
        {"return value + ", 1, "2", true},
        {"\nlimit", 0, "x", false}, // the first word of its statement
        {"\nlimitx", 1, "", false},
        {"return value + ", 1, "3", true},
        {"return value + 3", 0, "\n\n\ndef third():\n    return 3", true},
        {"return 3", 0, " + (", false},      // an unclosed bracket: an error in its tree
        {"return 3", 4, "", true},           // closed: after an analysis of a text with an error
        {"return os", 0, "(", false},        // an error in `first`: `second`, after it, and
        {"return 3", 0, "1", false},         // `third`, analysed while it stands, are walked
        {"return os", 1, "", true},          // recovering: parsed with `first` once it is closed
        {"x = 1", 0, "\n    y = 2", true},   // a class of one unit split in a head and a body
        {"return os", 0, "(", false},        // an error again; typing on while it stands:
        {"return os(", 0, "1", false},       // its statements parsed alone hold it too,
        {"return os(", 1, "", false},        // so they are parsed no more till it is gone,
        {"return os", 1, "", false},         // the keystroke that closes it included;
        {"return os", 0, "()", true},        // the next edits are partial again
        {"return 31", 0, "  # noq", true},   // a comment that names no suppression yet...
        {"return 31  # noq", 0, "a", false}, // ...till a keystroke completes its word: not
        {"return 31", 8, "", false},         // partial, nor while the suppression stands
        {"return 31", 0, "4", true},
    };
    int taken = 0;
    for (size_t i = 0; i < RV_ARRAY_LEN_TEST(edits); i++) {
        size_t at = find_nth(&doc->text, edits[i].after, 0) + strlen(edits[i].after);
        CHECK_EQ_INT(rv_doc_edit(doc, at, at + edits[i].del, edits[i].ins, strlen(edits[i].ins)),
                     0);
        struct rv_findings mine = {0};
        struct rv_analysis_input pin = {&doc->text, doc->tree, cfg,   "p.py", 0,
                                        0,          NULL,      false, NULL};
        bool partial = rv_doc_analyze_partial(doc, part, &pin, &mine, NULL);
        if (partial != edits[i].partial) {
            fprintf(stderr, "partial edit %zu: %s, expected %s\n", i, partial ? "taken" : "refused",
                    edits[i].partial ? "taken" : "refused");
        }
        CHECK(partial == edits[i].partial);
        taken += partial;
        check_against_whole(doc, parser, cfg, "p.py", partial, &mine, "partial", i,
                            "module has no docstring");
    }
    CHECK_EQ_INT(taken, 10);
    ts_parser_delete(part);
    rv_doc_store_finish(&store);
}

// A statements' parse that runs out of its time (the server gives it 0.5 ms): the partial
// analysis refuses the edit, which the whole reparse then takes, and the parser is reset, so
// that the next edit's parse starts afresh instead of resuming the abandoned one (tree-sitter
// resumes a parse that timed out at the next call). That next edit is taken, and every result
// equals a whole analysis.
static void run_partial_timeout(const struct rv_config *cfg, TSParser *parser) {
    struct rv_strbuf src = {0};
    rv_strbuf_puts(&src, "import os\n\n\ndef small():\n    return os.sep\n\n\ndef big(seed):\n");
    for (int i = 0; i < 400; i++) {
        rv_strbuf_printf(&src, "    value_%d = seed * %d + len(os.sep)\n", i, i);
    }
    rv_strbuf_puts(&src, "    return seed\n\n\ndef tail():\n    return 1\n");
    struct rv_doc_store store;
    rv_doc_store_init(&store);
    struct rv_doc *doc = rv_doc_store_open(&store, "file:///t.py", 1, src.data, src.len);
    TSParser *part = rv_python_parser_create();
    rv_doc_parse(doc, parser);
    struct rv_findings first = {0};
    struct rv_analysis_input in = {&doc->text, doc->tree, cfg, "t.py", 0, 0, NULL, false, NULL};
    rv_doc_analyze(doc, &in, &first);
    rv_findings_finish(&first);
    static const struct {
        const char *after;
        const char *ins;
        uint64_t timeout_us; /* the statements' parse's time: 1 runs out, 0 is unbounded */
        bool partial;
    } edits[] = {
        {"return seed", "s", 0, false}, // the first edit: the state is made, whole
        {"value_200 = seed", "x", 1, false},
        {"value_300 = seed", "y", 0, true},
        {"return 1", "2", 0, true},
    };
    for (size_t i = 0; i < RV_ARRAY_LEN_TEST(edits); i++) {
        size_t at = find_nth(&doc->text, edits[i].after, 0) + strlen(edits[i].after);
        CHECK_EQ_INT(rv_doc_edit(doc, at, at, edits[i].ins, strlen(edits[i].ins)), 0);
        ts_parser_set_timeout_micros(part, edits[i].timeout_us);
        struct rv_findings mine = {0};
        struct rv_analysis_input pin = {&doc->text, doc->tree, cfg,   "t.py", 0,
                                        0,          NULL,      false, NULL};
        bool partial = rv_doc_analyze_partial(doc, part, &pin, &mine, NULL);
        if (partial != edits[i].partial) {
            fprintf(stderr, "timed edit %zu: %s, expected %s\n", i, partial ? "taken" : "refused",
                    edits[i].partial ? "taken" : "refused");
        }
        CHECK(partial == edits[i].partial);
        check_against_whole(doc, parser, cfg, "t.py", partial, &mine, "timed", i, NULL);
    }
    ts_parser_delete(part);
    rv_doc_store_finish(&store);
    rv_strbuf_finish(&src);
}

// The partial analysis of one statement of a class body (rv_analysis_partial_body_span): an
// edit inside a method of a class, not the class's first statement, is analysed from that
// method parsed alone under a stand-in head, the class's own head read from the whole tree;
// an edit of the class's first statement (its head unit), or of a decorated class's method,
// is analysed from the whole class; an edit that makes the method end early (`x` typed at the
// start of one of its lines, which ends the class there) from the whole class too, the
// method's parse alone being refused (deleting it again is no partial analysis: the text after
// it, the rest of the method, does not parse alone). Every result equals a whole
// analysis, also after the whole reparse has deleted the tree the head was read from.
static void run_partial_body(const struct rv_config *cfg, TSParser *parser) {
    static const char text[] = "import os\n\n\nclass Store:\n    \"\"\"Keeps values.\"\"\"\n\n"
                               "    def get(self, key):\n        value = os.environ[key]\n\n"
                               "        return value\n\n"
                               "    def put(self, key, value):\n        os.environ[key] = value\n"
                               "        return None\n\n\n"
                               "@dataclass\nclass Point:\n    x: int\n\n"
                               "    def norm(self):\n        return abs(self.x)\n";
    struct rv_doc_store store;
    rv_doc_store_init(&store);
    struct rv_doc *doc = rv_doc_store_open(&store, "file:///b.py", 1, text, strlen(text));
    TSParser *part = rv_python_parser_create();
    rv_doc_parse(doc, parser);
    struct rv_findings first = {0};
    struct rv_analysis_input in = {&doc->text, doc->tree, cfg, "b.py", 0, 0, NULL, false, NULL};
    rv_doc_analyze(doc, &in, &first);
    rv_findings_finish(&first);
    static const struct {
        const char *after;
        size_t del;
        const char *ins;
        bool partial;
        bool body; /* ...from the one statement of the class body alone */
    } edits[] = {
        {"value = os.env", 0, "x", false, false}, // the state is made, whole
        {"value = os.env", 1, "", true, true},
        {"os.environ[key] = value", 0, "s", true, true},
        {"os.environ[key] = value", 1, "", true, true},
        {"Keeps", 0, " all", true, false},                  // the head's first statement
        {"return abs(self.x", 0, " + 1", true, false},      // a decorated class
        {"value = os.environ[key]\n", 0, "x", true, false}, // `x` ends the class
        {"value = os.environ[key]\n", 1, "", false, false}, // its deletion: whole
        {"def put(self, key", 0, "_name", true, true},
    };
    uint64_t bodies = 0;
    for (size_t i = 0; i < RV_ARRAY_LEN_TEST(edits); i++) {
        size_t at = find_nth(&doc->text, edits[i].after, 0) + strlen(edits[i].after);
        CHECK_EQ_INT(rv_doc_edit(doc, at, at + edits[i].del, edits[i].ins, strlen(edits[i].ins)),
                     0);
        struct rv_findings mine = {0};
        struct rv_analysis_input pin = {&doc->text, doc->tree, cfg,   "b.py", 0,
                                        0,          NULL,      false, NULL};
        bool partial = rv_doc_analyze_partial(doc, part, &pin, &mine, NULL);
        uint64_t now = doc->analysis ? rv_analysis_state_stats(doc->analysis).partial_body : 0;
        if (partial != edits[i].partial || (now - bodies == 1) != edits[i].body) {
            fprintf(stderr, "body edit %zu: %s%s, expected %s%s\n", i,
                    partial ? "taken" : "refused", now - bodies == 1 ? " (body)" : "",
                    edits[i].partial ? "taken" : "refused", edits[i].body ? " (body)" : "");
        }
        CHECK(partial == edits[i].partial);
        CHECK((now - bodies == 1) == edits[i].body);
        bodies = now;
        check_against_whole(doc, parser, cfg, "b.py", partial, &mine, "body", i, NULL);
    }
    ts_parser_delete(part);
    rv_doc_store_finish(&store);
}

// An operator typed into an expression changes the statement's shape alone: no other
// statement's flags can follow from it, and they are not taken again (a pass over every
// statement); a function renamed into another style (its names part) does make them so.
static void run_shape_only(const struct rv_config *cfg, TSParser *parser) {
    const char *text = LOCALS;
    struct rv_doc_store store;
    rv_doc_store_init(&store);
    struct rv_doc *doc = rv_doc_store_open(&store, "file:///m.py", 1, text, strlen(text));
    rv_doc_parse(doc, parser);
    struct rv_analysis_input in = {&doc->text, doc->tree, cfg, "m.py", 0, 0, NULL, false, NULL};
    struct rv_findings out = {0};
    rv_doc_analyze(doc, &in, &out);
    rv_findings_finish(&out);
    rv_doc_edit(doc, 0, 0, "", 0);
    rv_doc_parse(doc, parser);
    in.tree = doc->tree;
    rv_doc_analyze(doc, &in, &out);
    rv_findings_finish(&out);
    const struct {
        const char *at;
        size_t skip;
        const char *ins;
        bool reflagged;
    } steps[] = {{"sum(items)", 9, " + 1", false},
                 {"max(items)", 9, ", first", false},
                 {"def first(", 9, "_one", true}};
    for (size_t i = 0; i < RV_ARRAY_LEN_TEST(steps); i++) {
        size_t at = find_nth(&doc->text, steps[i].at, 0) + steps[i].skip;
        CHECK_EQ_INT(rv_doc_edit(doc, at, at, steps[i].ins, strlen(steps[i].ins)), 0);
        rv_doc_parse(doc, parser);
        in.tree = doc->tree;
        struct rv_analysis_stats before = rv_analysis_state_stats(doc->analysis);
        struct rv_findings mine = {0};
        struct rv_findings whole = {0};
        rv_doc_analyze(doc, &in, &mine);
        rv_analyze(&in, &whole);
        char *a = findings_text(&mine);
        char *b = findings_text(&whole);
        CHECK(strcmp(a, b) == 0);
        struct rv_analysis_stats after = rv_analysis_state_stats(doc->analysis);
        CHECK(after.incremental == before.incremental + 1);
        CHECK_EQ_INT((int)(after.reflagged - before.reflagged), steps[i].reflagged ? 1 : 0);
        free(a);
        free(b);
        rv_findings_finish(&mine);
        rv_findings_finish(&whole);
    }
    rv_doc_store_finish(&store);
}

/* A run walked in place whose classes are the test classes they were, by the same names (a
 * character typed into a class's docstring, which its head holds), leaves the test flags of the
 * statements after it as they were: none is taken again (model.c, same_tests). Renaming a test
 * base class, or making a class a test class (and so its subclass below), takes them again;
 * each step's findings and model are a fresh analysis's. */
static void run_tests_settled(const struct rv_config *cfg, TSParser *parser) {
    const char *text =
        "import unittest\n\n\nclass Base(unittest.TestCase):\n"
        "    \"\"\"Shared set-up.\"\"\"\n\n    def setUp(self):\n"
        "        self.value = 1\n\n\nclass Foo(Base):\n"
        "    \"\"\"Foo's tests.\"\"\"\n\n    def test_a(self):\n"
        "        assert self.value == 1\n\n    def test_b(self):\n"
        "        assert self.value == 2\n\n\nclass Other:\n    def test_c(self):\n"
        "        return 3\n\n\nclass Sub(Other):\n    def test_d(self):\n        return 4\n";
    struct rv_doc_store store;
    rv_doc_store_init(&store);
    struct rv_doc *doc = rv_doc_store_open(&store, "file:///m.py", 1, text, strlen(text));
    rv_doc_parse(doc, parser);
    struct rv_analysis_input in = {&doc->text, doc->tree, cfg, "m.py", 0, 0, NULL, false, NULL};
    struct rv_findings out = {0};
    rv_doc_analyze(doc, &in, &out);
    rv_findings_finish(&out);
    rv_doc_edit(doc, 0, 0, "", 0); // the first analysis makes no state; this one does
    rv_doc_parse(doc, parser);
    in.tree = doc->tree;
    rv_doc_analyze(doc, &in, &out);
    rv_findings_finish(&out);
    const struct {
        const char *at;
        size_t skip;
        size_t del;
        const char *ins;
        bool retaken;
    } steps[] = {{"Shared set-up", 7, 0, "x", false},    {"Shared xset-up", 7, 1, "", false},
                 {"Foo's tests", 4, 0, "x", false},      {"class Base(", 10, 0, "Case", true},
                 {"class BaseCase(", 10, 4, "", true},   {"class Other:", 11, 0, "(Base)", true},
                 {"class Other(Base):", 11, 6, "", true}};
    for (size_t i = 0; i < RV_ARRAY_LEN_TEST(steps); i++) {
        size_t at = find_nth(&doc->text, steps[i].at, 0);
        CHECK(at != SIZE_MAX);
        if (at == SIZE_MAX) {
            break;
        }
        at += steps[i].skip;
        CHECK_EQ_INT(rv_doc_edit(doc, at, at + steps[i].del, steps[i].ins, strlen(steps[i].ins)),
                     0);
        rv_doc_parse(doc, parser);
        in.tree = doc->tree;
        struct rv_analysis_stats before = rv_analysis_state_stats(doc->analysis);
        struct rv_findings mine = {0};
        struct rv_findings whole = {0};
        rv_doc_analyze(doc, &in, &mine);
        rv_analyze(&in, &whole);
        char *a = findings_text(&mine);
        char *b = findings_text(&whole);
        CHECK(strcmp(a, b) == 0);
        struct rv_model fresh;
        rv_model_build(&fresh, &doc->text, ts_tree_root_node(doc->tree), false);
        char *ma = model_text(rv_analysis_state_model(doc->analysis));
        char *mb = model_text(&fresh);
        CHECK(strcmp(ma, mb) == 0);
        struct rv_analysis_stats after = rv_analysis_state_stats(doc->analysis);
        CHECK(after.incremental == before.incremental + 1);
        CHECK(after.in_place == before.in_place + 1);
        if ((after.tests_retaken > before.tests_retaken) != steps[i].retaken) {
            fprintf(stderr, "tests settled, step %zu: test flags %staken again\n", i + 1,
                    steps[i].retaken ? "not " : "");
        }
        CHECK((after.tests_retaken > before.tests_retaken) == steps[i].retaken);
        free(a);
        free(b);
        free(ma);
        free(mb);
        rv_model_finish(&fresh);
        rv_findings_finish(&mine);
        rv_findings_finish(&whole);
    }
    rv_doc_store_finish(&store);
}

int main(void) {
    struct rv_config cfg;
    rv_config_init(&cfg);
    for (size_t i = 0; i < rv_rules_count; i++) {
        cfg.selected[rv_rules[i].code] = true;
    }
    TSParser *parser = rv_python_parser_create();
    for (size_t i = 0; i < RV_ARRAY_LEN_TEST(scenarios); i++) {
        run(&scenarios[i], &cfg, parser, ANY_WIDENING, false, 0, 0);
    }
    for (size_t i = 0; i < RV_ARRAY_LEN_TEST(narrow_scenarios); i++) {
        run(&narrow_scenarios[i], &cfg, parser, NO_WIDENING, false, 0, 0);
    }
    for (size_t i = 0; i < RV_ARRAY_LEN_TEST(recovery_scenarios); i++) {
        run(&recovery_scenarios[i], &cfg, parser, ANY_WIDENING, true, 0, 0);
    }
    for (size_t i = 0; i < RV_ARRAY_LEN_TEST(one_family); i++) {
        run(&one_family[i], &cfg, parser, 1, false, 0, 0);
    }
    run(&variable_names, &cfg, parser, ANY_WIDENING, false, 0, 0);
    run(&error_in_method, &cfg, parser, ANY_WIDENING, true, 2, 0);
    run(&suppressions, &cfg, parser, ANY_WIDENING, false, 0, 0);
    for (size_t i = 0; i < RV_ARRAY_LEN_TEST(copied_statements); i++) {
        run(&copied_statements[i].sc, &cfg, parser, ANY_WIDENING, false, 0,
            copied_statements[i].copied);
    }
    for (size_t i = 0; i < RV_ARRAY_LEN_TEST(shared_names); i++) {
        run(&shared_names[i], &cfg, parser, ANY_WIDENING, false, 0, 0);
    }
    for (size_t i = 0; i < RV_ARRAY_LEN_TEST(other_units); i++) {
        run(&other_units[i], &cfg, parser, ANY_WIDENING, false, 0, 0);
    }
    for (size_t i = 0; i < RV_ARRAY_LEN_TEST(reread_names); i++) {
        run(&reread_names[i], &cfg, parser, ANY_WIDENING, false, 0, 0);
    }
    for (size_t i = 0; i < RV_ARRAY_LEN_TEST(rejudged_styles); i++) {
        run(&rejudged_styles[i], &cfg, parser, NO_WIDENING, false, 0, 0);
    }
    for (size_t i = 0; i < RV_ARRAY_LEN_TEST(names_rejudged); i++) {
        run(&names_rejudged[i], &cfg, parser, 1, false, 0, 0);
    }
    for (size_t i = 0; i < RV_ARRAY_LEN_TEST(narrowed_names); i++) {
        run(&narrowed_names[i], &cfg, parser, 5, false, 0, 0);
    }
    run_long_module(&cfg, parser);
    run_bracket_scan(&cfg, parser);
    run_nothing_selected(&cfg, parser);
    run_selection_changed(&cfg, parser);
    run_detached(parser);
    run_partial(&cfg, parser);
    run_partial_timeout(&cfg, parser);
    run_partial_body(&cfg, parser);
    run_shape_only(&cfg, parser);
    run_tests_settled(&cfg, parser);
    ts_parser_delete(parser);
    rv_config_finish(&cfg);
    return CHECK_DONE();
}
