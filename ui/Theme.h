// Theme: the light and dark palettes (Fusion style), chosen in the View menu and remembered.
#pragma once

#include <QString>

namespace twb {

enum class Theme { Light, Dark };

void applyTheme(Theme theme);
Theme themeFromName(const QString& name);  // "dark" or anything else for light
QString themeName(Theme theme);

}  // namespace twb
