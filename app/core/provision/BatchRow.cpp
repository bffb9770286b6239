#include "provision/BatchRow.h"

QString BatchRow::stateName(State state)
{
    switch (state) {
    case State::Pending:
        return QStringLiteral("pending");
    case State::Running:
        return QStringLiteral("running");
    case State::Created:
        return QStringLiteral("created");
    case State::Skipped:
        return QStringLiteral("skipped");
    case State::Failed:
        return QStringLiteral("failed");
    case State::Unconfirmed:
        return QStringLiteral("unconfirmed");
    }
    return {};
}
