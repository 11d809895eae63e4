/*---
id: [unclosed
title: x
---*/
public class BadHeader {}
