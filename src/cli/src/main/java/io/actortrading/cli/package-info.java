package io.actortrading.cli;
