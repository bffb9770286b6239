#pragma once

#include <QDialogButtonBox>

class QDialog;
class QTableView;

// Pieces the dialogs build the same way, so they look and behave alike.
class DialogParts {
public:
    // A button box with these buttons, whose Close or Cancel rejects dialog (as Escape does); the
    // caller lays it out, adds buttons of its own and connects what accepting means.
    static QDialogButtonBox* buttons(QDialog* dialog, QDialogButtonBox::StandardButtons standard);
    // A read-only table of results or jobs: no row numbers, rows one line high, the last column
    // taking the rest of the width.
    static void setUpResultTable(QTableView* table);
};
