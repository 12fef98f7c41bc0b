import { answer } from "@nabla/tensor"; export const twice = answer * 2;
