const missing = require('this-package-is-not-in-the-zip');

exports.handler = async () => missing();
