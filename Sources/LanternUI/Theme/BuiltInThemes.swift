/// Theme text compiled into the program, so the UI has colours when no theme file is found.
/// `dark` is a copy of `Themes/dark.theme`; a test fails when the two differ.
enum BuiltInThemes {
    static let dark = #"""
# Lantern terminal theme.
#
# One role per line:   role = foreground background attributes
#   role        a screen role: normal, status, status-alert, header, selection, saved,
#               error, key-name, key-label, help, help-title, legend, dim, tile-missing,
#               tile-neutral, tile-not-1..3 (not-backscatter side, weak to strong),
#               tile-backscatter-1..3 (backscatter side), count-1..4 (packet counts, low
#               to high), prototype-1..8 (subnet prototypes on the heatmap, cycled).
#   colours     default (the terminal's own), black red green yellow blue magenta cyan
#               white, bright-<name> (palette 8-15), or a palette number 0-255.
#   attributes  none, or a comma-separated list of bold, dim, underline, reverse; optional.
# Everything after "#" is a comment. Roles left out keep the built-in dark theme's style.
# On terminals with fewer than 256 colours, numbers 16-255 map to the nearest basic colour.
# Without colour (TERM=vt100, NO_COLOR) only the attributes are used; the selection is
# then always reverse and bold.

normal             = default       default  none
status             = bright-white  blue     bold
status-alert       = bright-white  red      bold
header             = cyan          default  bold
selection          = black         cyan     bold
saved              = green         default  bold
error              = bright-white  red      bold
key-name           = yellow        default  bold
key-label          = default       default  none
help               = default       default  none
help-title         = black         cyan     bold
legend             = 245           default  none
dim                = 245           default  none
tile-missing       = default       default  none
tile-neutral       = 250           default  none
tile-not-1         = 117           default  none
tile-not-2         = 39            default  none
tile-not-3         = 21            default  bold
tile-backscatter-1 = 217           default  none
tile-backscatter-2 = 203           default  none
tile-backscatter-3 = 196           default  bold
count-1            = 229           default  none
count-2            = 221           default  none
count-3            = 214           default  none
count-4            = 202           default  bold
prototype-1        = bright-cyan   default  bold
prototype-2        = bright-yellow default  bold
prototype-3        = bright-green  default  bold
prototype-4        = bright-magenta default bold
prototype-5        = bright-red    default  bold
prototype-6        = bright-blue   default  bold
prototype-7        = white         default  none
prototype-8        = 208           default  none
"""#
}
