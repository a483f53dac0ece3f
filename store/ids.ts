// Record ids: a type prefix and random base-36, globally unique so an id never resolves in another tenant.
import { randomBytes } from "node:crypto";

export type IdPrefix =
  | "cus"
  | "prp"
  | "opp"
  | "quo"
  | "tsk"
  | "not"
  | "int"
  | "job"
  | "itk"
  | "drf"
  | "dec"
  | "qtn"
  | "ses"
  | "msg"
  | "agr"
  | "opc"
  | "trg"
  | "scn"
  | "iss"
  | "gct"
  | "gjb"
  | "inc";

export function newId(prefix: IdPrefix): string {
  return `${prefix}_${randomBytes(8).toString("hex")}`;
}
