#include <libxml/xmlversion.h>
// Debian builds libxml2 with ICU, so encoding.h would include the system's <unicode/ucnv.h>,
// whose types clash with the ICU copy inside Foundation when one Swift module imports both.
// LanternMail never touches xmlCharEncodingHandler (the only type with ICU fields) except
// through pointers, so hiding ICU from the headers changes nothing it uses.
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
