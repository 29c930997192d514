#!/usr/bin/env node
console.log('instrumentkit')
