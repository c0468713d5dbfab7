// LeakSanitizer suppressions for caches that system libraries keep for the
// life of the process (fontconfig's configuration, cairo's and pango's
// per-thread font maps), and SANE's test backend, whose reader thread can be
// cancelled before it frees its line buffer (sane-backends backend/test.c;
// the agent's scanner tests). Linked into the server and every test executable;
// only the sanitized build reads it. Our own code is never suppressed.
extern "C" const char* __lsan_default_suppressions();
extern "C" const char* __lsan_default_suppressions() {
  return "leak:libfontconfig.so\n"
         "leak:libcairo.so\n"
         "leak:libpango-1.0.so\n"
         "leak:libpangocairo-1.0.so\n"
         "leak:libpangoft2-1.0.so\n"
         "leak:libharfbuzz.so\n"
         "leak:libglib-2.0.so\n"
         "leak:libgobject-2.0.so\n"
         "leak:libsane-test.so\n";
}
