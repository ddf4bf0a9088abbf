import { type Caller, CurrentCaller } from '@lyg/auth';
import { Controller, Get, Headers, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { UuidParam } from '../common/uuid-param';
import { TransfersService } from './transfers.service';

@ApiTags('transfers')
@ApiBearerAuth()
@Controller('cases')
export class TransfersController {
  constructor(private readonly transfers: TransfersService) {}

  @Get(':id/transfer-package')
  @ApiOkResponse({ description: 'the latest transfer package of the case for the caller: `{id, sha256, pdf, document}`; `sha256` is over the canonical JSON of `document`' })
  json(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Headers('x-request-id') requestId: string) {
    return this.transfers.json(caller, id, requestId);
  }

  @Get(':id/transfer-package/proof')
  @ApiOkResponse({
    description:
      'inclusion proofs (RFC 9162 Merkle tree) of every audit entry of the caller\'s latest package, and of the transfer\'s own entry (in full: it records the package digest), against the latest signed checkpoint; entries newer than it are listed as `pending`. Check with `npm run transfer:verify`',
  })
  proof(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Headers('x-request-id') requestId: string) {
    return this.transfers.proof(caller, id, requestId);
  }

  @Get(':id/transfer-package.pdf')
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'the printable package (Chinese), with the case number and the verification digest on every page' })
  pdf(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Res() res: Response, @Headers('x-request-id') requestId: string) {
    return this.transfers.pdf(caller, id, res, requestId);
  }
}
