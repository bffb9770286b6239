#include "ui/common/HealthColors.h"

QColor HealthColors::of(HealthState state)
{
    switch (state) {
    case HealthState::Ok:
        return QColor(0x2e, 0x7d, 0x32);
    case HealthState::Warning:
        return QColor(0xef, 0x6c, 0x00);
    case HealthState::Down:
        return QColor(0xc6, 0x28, 0x28);
    case HealthState::Unknown:
        break;
    }
    return QColor(0x9e, 0x9e, 0x9e);
}
