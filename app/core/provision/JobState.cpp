#include "provision/JobState.h"

QString jobStateName(JobState state, QLatin1StringView done)
{
    switch (state) {
    case JobState::Pending:
        return QStringLiteral("pending");
    case JobState::Running:
        return QStringLiteral("running");
    case JobState::Done:
        return done;
    case JobState::Skipped:
        return QStringLiteral("skipped");
    case JobState::Failed:
        return QStringLiteral("failed");
    case JobState::Unconfirmed:
        return QStringLiteral("unconfirmed");
    }
    return {};
}
