#pragma once

#include <QString>

// One tenant of a template upgrade (TemplateUpgrader) and how its upgrade went. A plain value.
struct UpgradeRow {
    enum class State { Pending, Running, Upgraded, Skipped, Failed };

    QString slug;
    QString shard;
    int fromVersion = 0;
    State state = State::Pending;
    QString message;

    static QString stateName(State state)
    {
        switch (state) {
        case State::Pending:
            return QStringLiteral("pending");
        case State::Running:
            return QStringLiteral("running");
        case State::Upgraded:
            return QStringLiteral("upgraded");
        case State::Skipped:
            return QStringLiteral("skipped");
        case State::Failed:
            return QStringLiteral("failed");
        }
        return {};
    }
};
