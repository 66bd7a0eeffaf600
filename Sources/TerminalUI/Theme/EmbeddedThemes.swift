// GENERATED from themes/*.toml (the source of truth); keep in sync: a test compares these with the files.
// Each literal is the file's text verbatim, without its final newline.

/// The shipped themes, embedded so an installed binary works without the repository.
enum EmbeddedThemes {
    static let files: [String: String] = [
        "dark": #"""
# tideblob theme "dark" (the default), for terminals with a dark background.
# Colours: default, black, red, green, yellow, blue, magenta, cyan, white, bright-<name>, color0..color255, "#rrggbb".
# Attributes: bold, reverse, underline, dim (true/false). A user theme may set only some roles; the rest come from
# the theme named by `extends` (default "dark"). Copy this file to ~/.config/tideblob/themes/NAME.toml to start.
name = "dark"
description = "Default theme for dark terminals"

[roles]
normal            = { fg = "default", bg = "default" }
dim               = { fg = "bright-black" }
title             = { fg = "bright-white", bold = true }
border            = { fg = "bright-black" }
borderFocused     = { fg = "cyan", bold = true }
header            = { fg = "yellow", bold = true, underline = true }
selection         = { fg = "black", bg = "cyan" }
selectionInactive = { fg = "white", bg = "bright-black" }
marked            = { fg = "magenta", bold = true }
markedSelection   = { fg = "black", bg = "magenta", bold = true }
statusBar         = { fg = "white", bg = "blue" }
footer            = { fg = "white" }
footerKey         = { fg = "cyan", bold = true }
error             = { fg = "bright-red", bold = true }
warning           = { fg = "yellow", bold = true }
success           = { fg = "green" }
info              = { fg = "cyan" }
progressDone      = { fg = "green" }
progressTodo      = { fg = "bright-black" }
overlay           = { fg = "white", bg = "color236" }
overlayTitle      = { fg = "bright-white", bg = "color236", bold = true }
input             = { fg = "bright-white" }
match             = { fg = "black", bg = "yellow" }
escaped           = { fg = "bright-red", reverse = true }
"""#,
        "light": #"""
# tideblob theme "light", for terminals with a light background. Overrides "dark" role by role.
name = "light"
description = "For light terminal backgrounds"
extends = "dark"

[roles]
dim               = { fg = "color244" }
title             = { fg = "black", bold = true }
border            = { fg = "color245" }
borderFocused     = { fg = "blue", bold = true }
header            = { fg = "color130", bold = true, underline = true }
selection         = { fg = "white", bg = "blue" }
selectionInactive = { fg = "black", bg = "color252" }
marked            = { fg = "magenta", bold = true }
markedSelection   = { fg = "white", bg = "magenta", bold = true }
statusBar         = { fg = "white", bg = "color24" }
footer            = { fg = "black" }
footerKey         = { fg = "blue", bold = true }
error             = { fg = "red", bold = true }
warning           = { fg = "color130", bold = true }
success           = { fg = "color28" }
info              = { fg = "blue" }
progressDone      = { fg = "color28" }
progressTodo      = { fg = "color250" }
overlay           = { fg = "black", bg = "color254" }
overlayTitle      = { fg = "black", bg = "color254", bold = true }
input             = { fg = "black" }
match             = { fg = "black", bg = "color221" }
escaped           = { fg = "red", reverse = true }
"""#,
        "high-contrast": #"""
# tideblob theme "high-contrast": bright colours on black, strong attributes. Overrides "dark" role by role.
name = "high-contrast"
description = "Maximum contrast, bold text"
extends = "dark"

[roles]
normal            = { fg = "bright-white", bg = "black" }
dim               = { fg = "white", bg = "black" }
title             = { fg = "bright-yellow", bg = "black", bold = true }
border            = { fg = "bright-white", bg = "black" }
borderFocused     = { fg = "bright-yellow", bg = "black", bold = true }
header            = { fg = "bright-yellow", bg = "black", bold = true, underline = true }
selection         = { fg = "black", bg = "bright-yellow", bold = true }
selectionInactive = { fg = "black", bg = "white" }
marked            = { fg = "bright-magenta", bg = "black", bold = true, underline = true }
markedSelection   = { fg = "black", bg = "bright-magenta", bold = true }
statusBar         = { fg = "black", bg = "bright-white", bold = true }
footer            = { fg = "bright-white", bg = "black" }
footerKey         = { fg = "bright-yellow", bg = "black", bold = true }
error             = { fg = "bright-white", bg = "red", bold = true }
warning           = { fg = "black", bg = "bright-yellow", bold = true }
success           = { fg = "bright-green", bg = "black", bold = true }
info              = { fg = "bright-cyan", bg = "black" }
progressDone      = { fg = "bright-green", bg = "black", bold = true }
progressTodo      = { fg = "white", bg = "black" }
overlay           = { fg = "bright-white", bg = "black" }
overlayTitle      = { fg = "bright-yellow", bg = "black", bold = true }
input             = { fg = "bright-white", bg = "black", bold = true }
match             = { fg = "black", bg = "bright-cyan", bold = true }
escaped           = { fg = "bright-red", bg = "black", reverse = true, bold = true }
"""#,
        "monochrome": #"""
# tideblob theme "monochrome": attributes only, no colours. NO_COLOR adds these attributes to any theme so the
# cursor row, marks and headers stay visible.
name = "monochrome"
description = "No colours; reverse, bold and underline only"
extends = "dark"

[roles]
normal            = { fg = "default", bg = "default" }
dim               = { fg = "default", bg = "default", dim = true }
title             = { fg = "default", bg = "default", bold = true }
border            = { fg = "default", bg = "default" }
borderFocused     = { fg = "default", bg = "default", bold = true }
header            = { fg = "default", bg = "default", bold = true, underline = true }
selection         = { fg = "default", bg = "default", reverse = true }
selectionInactive = { fg = "default", bg = "default", underline = true }
marked            = { fg = "default", bg = "default", bold = true }
markedSelection   = { fg = "default", bg = "default", bold = true, reverse = true }
statusBar         = { fg = "default", bg = "default", reverse = true }
footer            = { fg = "default", bg = "default" }
footerKey         = { fg = "default", bg = "default", bold = true }
error             = { fg = "default", bg = "default", bold = true }
warning           = { fg = "default", bg = "default", bold = true }
success           = { fg = "default", bg = "default" }
info              = { fg = "default", bg = "default" }
progressDone      = { fg = "default", bg = "default", bold = true }
progressTodo      = { fg = "default", bg = "default", dim = true }
overlay           = { fg = "default", bg = "default" }
overlayTitle      = { fg = "default", bg = "default", bold = true }
input             = { fg = "default", bg = "default" }
match             = { fg = "default", bg = "default", underline = true }
escaped           = { fg = "default", bg = "default", reverse = true }
"""#,
    ]
}
