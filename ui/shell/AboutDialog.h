#pragma once

#include <QDialog>
#include <QStringList>

// Help > About: the versions a bug report needs (TenantDesk, Qt, libpq) and of every server this
// session has talked to.
class AboutDialog : public QDialog {
    Q_OBJECT
public:
    // serversSeen: one line per server, e.g. "127.0.0.1:5432 (catalog): PostgreSQL 15.4".
    explicit AboutDialog(const QStringList& serversSeen, QWidget* parent = nullptr);

    static QString versionsText(const QStringList& serversSeen);
};
