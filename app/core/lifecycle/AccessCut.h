#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

// What keeping the application roles out of one schema or database tenant took away, so that
// resuming gives back exactly that: the ownership of its schema or database, when an application
// role held it (an owner keeps every privilege, whatever is revoked), and the grants that let them
// in (to them, to PUBLIC, to a role they are members of). Written to the action's audit row as
// details.revoked, read back by resume. A plain value.
struct AccessCut {
    struct Grant {
        QString grantee; // empty: PUBLIC
        QStringList privileges;
    };
    QString previousOwner; // not empty: the ownership moved from this role to the fleet's owner role
    QList<Grant> grants;
    // Support reached it only through a grant taken here (PUBLIC, a group): it got one of its own
    // meanwhile, so that it keeps reading, which resuming takes back.
    bool supportGranted = false;

    bool isEmpty() const { return previousOwner.isEmpty() && grants.isEmpty() && !supportGranted; }
    QJsonObject toJson() const;
    static AccessCut fromJson(const QJsonObject& json);
};
