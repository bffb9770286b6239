#pragma once

class QDialog;
class QDialogButtonBox;
class QTableView;

// Pieces the dialogs build the same way, so they look and behave alike.
class DialogParts {
public:
    // A button box with Close, which rejects dialog (as Escape does); the caller lays it out and
    // may add buttons of its own.
    static QDialogButtonBox* closeButtons(QDialog* dialog);
    // A read-only table of results or jobs: no row numbers, rows one line high, the last column
    // taking the rest of the width.
    static void setUpResultTable(QTableView* table);
};
