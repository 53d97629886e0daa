#include <gmime/gmime.h>

// GObject's type checks and casts are macros, which Swift cannot call; these wrap the few
// LanternMail needs. Each takes any GMimeObject and returns 0 or 1.
static inline int lantern_gmime_is_multipart(GMimeObject *object) { return GMIME_IS_MULTIPART(object); }
static inline int lantern_gmime_is_message_part(GMimeObject *object) { return GMIME_IS_MESSAGE_PART(object); }
static inline int lantern_gmime_is_part(GMimeObject *object) { return GMIME_IS_PART(object); }
static inline int lantern_gmime_is_mailbox(InternetAddress *address) { return INTERNET_ADDRESS_IS_MAILBOX(address); }
static inline int lantern_gmime_is_group(InternetAddress *address) { return INTERNET_ADDRESS_IS_GROUP(address); }
static inline void lantern_gobject_unref(void *object) { g_object_unref(object); }
