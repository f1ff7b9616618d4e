#!/usr/bin/env node
// A committed entry point, so package managers can link the bin at install time, before `dist/`
// is built in a fresh workspace.
import '../dist/bin.js';
